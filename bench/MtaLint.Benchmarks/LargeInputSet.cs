using static System.FormattableString;

namespace MtaLint.Benchmarks;

/// <summary>
/// The large inputs of issue 7 as files, for timing the published CLI as a whole process
/// (bench/large-bench.sh): each case is a folder that mtalint lints as one unit.
/// </summary>
public static class LargeInputSet
{
    /// <summary>One input: a folder name, what it is, and its files (name → text, the name relative to the folder).</summary>
    /// <param name="Bomb">A small input that once made unbounded work (issue 14): run once, with a time limit, for its outcome, time and peak memory.</param>
    public sealed record Case(string Folder, string Description, IReadOnlyList<(string Name, string Text)> Files, bool Bomb = false);

    public static IReadOnlyList<Case> Cases(int scale = 1)
    {
        var lines = 100_000 / scale;
        var eximLines = 20_000 / scale;
        var bytes = (1 << 20) / scale;
        var mb = bytes >= 1 << 20 ? $"{bytes >> 20} MB" : $"{bytes >> 10} KB";
        return
        [
            new("postfix-100k", Invariant($"postfix main.cf, {lines:N0} lines"), [("main.cf", LargeConfigs.PostfixMainCf(lines))]),
            new("postfix-100k-template", Invariant($"postfix main.cf.j2 template, {lines:N0} lines"), [("main.cf.j2", LargeConfigs.PostfixMainCfTemplate(lines))]),
            new("postfix-100k-master", Invariant($"postfix main.cf {lines:N0} lines + master.cf"), [("main.cf", LargeConfigs.PostfixMainCf(lines)), ("master.cf", LargeConfigs.PostfixMasterCf())]),
            new("postfix-duplicates-100k", Invariant($"postfix main.cf, {lines:N0} duplicate settings"), [("main.cf", LargeConfigs.PostfixDuplicates(lines))]),
            new("postfix-suppressions-100k", Invariant($"postfix main.cf, {lines:N0} lines, a suppression per setting"), [("main.cf", LargeConfigs.PostfixSuppressions(lines))]),
            new("postfix-1mb-continued", Invariant($"postfix {mb} logical line (continuations)"), [("main.cf", LargeConfigs.PostfixLongLogicalLine(bytes))]),
            new("postfix-1mb-physical", Invariant($"postfix {mb} physical line"), [("main.cf", LargeConfigs.PostfixLongPhysicalLine(bytes))]),
            new("postfix-1mb-references", Invariant($"postfix {mb} value of $name references"), [("main.cf", LargeConfigs.PostfixLongReferenceValue(bytes))]),
            new("exim-20k", Invariant($"exim config, {eximLines:N0} lines"), [("exim4.conf", LargeConfigs.EximConfig(eximLines))]),
            new("exim-20k-template", Invariant($"exim exim4.conf.j2 template, {eximLines:N0} lines"), [("exim4.conf.j2", LargeConfigs.EximConfigTemplate(eximLines))]),
            new("sendmail-20k", Invariant($"sendmail .mc, {eximLines:N0} lines"), [("sendmail.mc", LargeConfigs.SendmailMc(eximLines))]),
            new("sendmail-20k-template", Invariant($"sendmail sendmail.mc.j2 template, {eximLines:N0} lines"), [("sendmail.mc.j2", LargeConfigs.SendmailMcTemplate(eximLines))]),
            new("exim-1mb-continued", Invariant($"exim {mb} logical line (backslash continuations)"), [("exim4.conf", LargeConfigs.EximLongLogicalLine(bytes))]),
            new("sendmail-1mb-define", Invariant($"sendmail {mb} define"), [("sendmail.mc", LargeConfigs.SendmailLongLine(bytes))]),
            .. BombCases(scale),
        ];
    }

    /// <summary>The bombs of issue 14 at their sizes (the banner divided by <paramref name="scale"/>, like the large inputs).</summary>
    public static IReadOnlyList<Case> BombCases(int scale = 1)
    {
        var banner = 60_000_000 / scale;
        return
        [
            new("bomb-exim-includes-20", "exim: 20 files, each including the next twice", Bombs.EximIncludeFanOut(20), Bomb: true),
            new("bomb-exim-includes-40", "exim: 40 files, each including the next twice", Bombs.EximIncludeFanOut(40), Bomb: true),
            new("bomb-postfix-dollar", "postfix: a0 = $a1$a1, ... 40 levels", [("main.cf", Bombs.PostfixExpansionBomb(40, '$'))], Bomb: true),
            new("bomb-postfix-brace", "postfix: a0 = ${a1}${a1}, ... 40 levels", [("main.cf", Bombs.PostfixExpansionBomb(40, '{'))], Bomb: true),
            new("bomb-postfix-paren", "postfix: a0 = $(a1)$(a1), ... 40 levels", [("main.cf", Bombs.PostfixExpansionBomb(40, '('))], Bomb: true),
            new("bomb-sendmail-m4", "sendmail: A0 = A1 A1, ... 40 levels of m4 macros", [("sendmail.mc", Bombs.SendmailM4Exponential(40))], Bomb: true),
            new("bomb-policy-glob", ".mtalint.yaml exclude *a*a*a*a*ab, a 200-char folder name", Bombs.PolicyGlob(200), Bomb: true),
            new("bomb-postfix-banner", Invariant($"postfix: a banner line of {banner / 1_000_000.0:0.#} MB of words"), [("main.cf", Bombs.PostfixLongBanner(banner))], Bomb: true),
            new("bomb-postfix-banner-word", Invariant($"postfix: a banner line of one {banner / 1_000_000.0:0.#} MB word"),
                [("main.cf", "myhostname = mx.example.com\nsmtpd_banner = $myhostname ESMTP " + new string('x', banner) + "\n")], Bomb: true),
        ];
    }

    /// <summary>Writes every case under <paramref name="root"/> and prints one tab-separated line per case: folder, description, <c>large</c> or <c>bomb</c>.</summary>
    public static void Write(string root, int scale, TextWriter listing)
    {
        foreach (var c in Cases(scale))
        {
            var folder = Path.Combine(root, c.Folder);
            Directory.CreateDirectory(folder);
            foreach (var (name, text) in c.Files)
            {
                var path = Path.Combine(folder, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }

            listing.WriteLine($"{c.Folder}\t{c.Description}\t{(c.Bomb ? "bomb" : "large")}");
        }
    }
}
