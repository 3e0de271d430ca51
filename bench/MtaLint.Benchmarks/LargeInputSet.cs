namespace MtaLint.Benchmarks;

/// <summary>
/// The large inputs of issue 7 as files, for timing the published CLI as a whole process
/// (bench/large-bench.sh): each case is a folder that mtalint lints as one unit.
/// </summary>
public static class LargeInputSet
{
    /// <summary>One input: a folder name, what it is, and its files (name → text).</summary>
    public sealed record Case(string Folder, string Description, IReadOnlyList<(string Name, string Text)> Files);

    public static IReadOnlyList<Case> Cases(int scale = 1) =>
    [
        new("postfix-100k", "postfix main.cf, 100,000 lines", [("main.cf", LargeConfigs.PostfixMainCf(100_000 / scale))]),
        new("postfix-100k-master", "postfix main.cf 100,000 lines + master.cf", [("main.cf", LargeConfigs.PostfixMainCf(100_000 / scale)), ("master.cf", LargeConfigs.PostfixMasterCf())]),
        new("postfix-duplicates-100k", "postfix main.cf, 100,000 duplicate settings", [("main.cf", LargeConfigs.PostfixDuplicates(100_000 / scale))]),
        new("postfix-suppressions-100k", "postfix main.cf, 100,000 lines, a suppression per setting", [("main.cf", LargeConfigs.PostfixSuppressions(100_000 / scale))]),
        new("postfix-1mb-continued", "postfix 1 MB logical line (continuations)", [("main.cf", LargeConfigs.PostfixLongLogicalLine((1 << 20) / scale))]),
        new("postfix-1mb-physical", "postfix 1 MB physical line", [("main.cf", LargeConfigs.PostfixLongPhysicalLine((1 << 20) / scale))]),
        new("postfix-1mb-references", "postfix 1 MB value of $name references", [("main.cf", LargeConfigs.PostfixLongReferenceValue((1 << 20) / scale))]),
        new("exim-20k", "exim config, 20,000 lines", [("exim4.conf", LargeConfigs.EximConfig(20_000 / scale))]),
        new("exim-1mb-continued", "exim 1 MB logical line (backslash continuations)", [("exim4.conf", LargeConfigs.EximLongLogicalLine((1 << 20) / scale))]),
        new("sendmail-1mb-define", "sendmail 1 MB define", [("sendmail.mc", LargeConfigs.SendmailLongLine((1 << 20) / scale))]),
    ];

    /// <summary>Writes every case under <paramref name="root"/> and prints one tab-separated line per case: folder, description.</summary>
    public static void Write(string root, int scale, TextWriter listing)
    {
        foreach (var c in Cases(scale))
        {
            var folder = Path.Combine(root, c.Folder);
            Directory.CreateDirectory(folder);
            foreach (var (name, text) in c.Files)
            {
                File.WriteAllText(Path.Combine(folder, name), text);
            }

            listing.WriteLine($"{c.Folder}\t{c.Description}");
        }
    }
}
