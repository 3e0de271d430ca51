using System.Text.RegularExpressions;
using MtaLint.Tests.Infrastructure;
using MtaLint.Tests.Sendmail;

namespace MtaLint.Tests.FixEffect;

/// <summary>
/// Sendmail as it reads the <c>sendmail.cf</c> that real m4 and Debian's sendmail-cf build from a unit's
/// <c>.mc</c>: every <c>O Option=value</c> line is a setting (named in the <c>.mc</c> by the <c>conf*</c>
/// macro proto.m4 maps it from); every other line Sendmail reads (rulesets, classes, macros, mailers),
/// comments left out, is one more setting that no fix names. Absolute <c>include</c>s that the
/// repository holds are read from it, as they would be on its host.
/// </summary>
public sealed partial class SendmailEffect : IEffectOracle
{
    private const string Rules = "(lines other than options: rulesets, classes, macros, mailers)";

    /// <summary>proto.m4's <c>_OPTION(SmtpGreetingMessage, `confSMTP_LOGIN_MSG', ...)</c>: each option and the .mc macro that sets it.</summary>
    private static readonly Lazy<Dictionary<string, string>> OptionMacros = new(() =>
        OptionLine().Matches(File.ReadAllText(Path.Combine(SendmailTestFiles.CfDir, "m4", "proto.m4")))
            .GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => g.First().Groups[2].Value, StringComparer.Ordinal));

    [GeneratedRegex(@"_OPTION\((\w+),\s*`(\w+)'")]
    private static partial Regex OptionLine();

    [GeneratedRegex(@"include\(`(/[^']+)'\)")]
    private static partial Regex AbsoluteInclude();

    /// <summary>What <c>goaway</c> stands for in PrivacyOptions (sendmail's conf.c).</summary>
    private static readonly string[] GoAway = ["authwarnings", "noexpn", "novrfy", "noverb", "needmailhelo", "needexpnhelo", "needvrfyhelo", "noetrn", "nobodyreturn", "noreceipts"];

    public string Dialect => "sendmail";

    public Effective Read(FixEffectUnit unit, string copy)
    {
        var stage = Directory.CreateTempSubdirectory("mtalint-sendmail-effect-").FullName;
        try
        {
            var mc = Stage(Path.Combine(copy, unit.Paths[0]), Path.Combine(copy, unit.Root), stage);
            var cf = SendmailTestFiles.BuildCf(mc);
            if (cf is null)
            {
                return Effective.Refused("m4 built no sendmail.cf from " + unit.Paths[0]);
            }

            var settings = new Dictionary<SettingKey, string>();
            var others = new List<string>();
            foreach (var line in cf.Split('\n'))
            {
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                var eq = line.IndexOf('=');
                if (line.StartsWith("O ", StringComparison.Ordinal) && eq > 2)
                {
                    var name = line[2..eq];
                    var key = new SettingKey("O", name);
                    // A repeated option (DaemonPortOptions, one per listener) is one setting holding all its lines.
                    settings[key] = settings.TryGetValue(key, out var earlier) ? earlier + "\n" + line[(eq + 1)..] : line[(eq + 1)..];
                }
                else
                {
                    others.Add(line);
                }
            }

            settings[new SettingKey("cf", Rules)] = string.Join("\n", others).Replace(stage, "DIR", StringComparison.Ordinal);
            return new Effective(settings, new Dictionary<string, string>(), null);
        }
        finally
        {
            Directory.Delete(stage, recursive: true);
        }
    }

    /// <summary>
    /// A copy of the .mc (and, in turn, of what it includes) whose absolute includes point into the
    /// repository's copy when it holds the file (<c>/etc/mail/m4/dialup.m4</c> → <c>COPY/etc/mail/m4/dialup.m4</c>).
    /// </summary>
    private static string Stage(string file, string hostRoot, string stage)
    {
        var target = Path.Combine(stage, Path.GetRelativePath(hostRoot, file));
        if (File.Exists(target))
        {
            return target;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var text = File.ReadAllText(file, System.Text.Encoding.Latin1);
        File.WriteAllText(target, "", System.Text.Encoding.Latin1); // an include cycle ends here
        text = AbsoluteInclude().Replace(text, m =>
        {
            var inRepository = Path.Combine(hostRoot, m.Groups[1].Value.TrimStart('/'));
            return File.Exists(inRepository) ? $"include(`{Stage(inRepository, hostRoot, stage)}')" : m.Value;
        });
        File.WriteAllText(target, text, System.Text.Encoding.Latin1);
        return target;
    }

    public IReadOnlyCollection<string> Governing(SettingKey key) =>
        key.Scope == "O" && OptionMacros.Value.TryGetValue(key.Name, out var macro) ? [macro, key.Name] : [];

    public IEnumerable<string> Weakenings(Effective before, Effective after)
    {
        string Option(Effective e, string name) => e.Settings.TryGetValue(new SettingKey("O", name), out var v) ? v : string.Empty;
        var lost = Privacy(Option(before, "PrivacyOptions")).Except(Privacy(Option(after, "PrivacyOptions"))).ToArray();
        if (lost.Length > 0)
        {
            yield return $"PrivacyOptions [{Option(before, "PrivacyOptions")}] became [{Option(after, "PrivacyOptions")}]: lost {string.Join(", ", lost)}";
        }

        foreach (var name in new[] { "ServerCertFile", "ServerKeyFile" })
        {
            if (Option(before, name).Length > 0 && Option(after, name).Length == 0)
            {
                yield return $"{name} [{Option(before, name)}] is gone: STARTTLS is no longer offered";
            }
        }

        // M=S on a listener turns STARTTLS off there; M=a requires AUTH (stronger), not checked.
        var noTlsBefore = Option(before, "DaemonPortOptions").Split('\n').Count(NoStartTls);
        var noTlsAfter = Option(after, "DaemonPortOptions").Split('\n').Count(NoStartTls);
        if (noTlsAfter > noTlsBefore)
        {
            yield return $"DaemonPortOptions: more listeners without STARTTLS (M=S): [{Option(after, "DaemonPortOptions")}]";
        }

        var authBefore = Option(before, "AuthOptions").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        var authAfter = Option(after, "AuthOptions").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (authBefore.Contains("p") && !authAfter.Contains("p"))
        {
            yield return $"AuthOptions lost p: plaintext AUTH is offered before STARTTLS";
        }
    }

    private static bool NoStartTls(string daemon) =>
        daemon.Split(',').Select(p => p.Trim()).Any(p => (p.StartsWith("M=", StringComparison.Ordinal) || p.StartsWith("Modifiers=", StringComparison.OrdinalIgnoreCase)) && p[(p.IndexOf('=') + 1)..].Contains('S'));

    private static IEnumerable<string> Privacy(string value) =>
        value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries).Select(f => f.ToLowerInvariant())
            .SelectMany(f => f == "goaway" ? GoAway : [f]).Distinct();
}
