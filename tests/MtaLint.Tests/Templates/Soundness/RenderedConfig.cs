using System.Text.Json;
using MtaLint.Tests.Cli;
using MtaLint.Tests.Exim;
using MtaLint.Tests.Infrastructure;
using MtaLint.Tests.Postfix;
using MtaLint.Tests.Sendmail;

namespace MtaLint.Tests.Templates.Soundness;

/// <summary>What the real MTA says of a rendering: accepted or not, its warnings and errors, and for a Postfix main.cf <c>postconf -n</c>.</summary>
public sealed record MtaVerdict(bool Accepted, IReadOnlyList<string> Messages, IReadOnlyDictionary<string, string>? PostconfN);

/// <summary>A finding mtalint reports on a rendering linted as a plain config: which of the staged files, which line (null: no line).</summary>
public sealed record RenderedFinding(string Rule, bool InPrimary, int? Line, string Message);

/// <summary>
/// A rendering staged as the MTA reads it, with its companion: a main.cf rendering with the master.cf of its set (the
/// master.cf template's rendering under the defaults, else Debian's stock master.cf), a master.cf rendering with the
/// main.cf of its set's defaults (else an empty main.cf). An update-exim4.conf.conf rendering is built by Debian's
/// update-exim4.conf with Debian's template, then checked with <c>exim4 -C FILE -bV</c>; a .mc goes through m4 with
/// Debian's sendmail-cf. The same staged files are linted by mtalint as plain configs.
/// </summary>
public sealed record RenderedConfig(RenderedKind Kind, string Text, string? Companion)
{
    public (MtaVerdict Verdict, IReadOnlyList<RenderedFinding> Findings) Check()
    {
        var dir = Directory.CreateTempSubdirectory("mtalint-sound-").FullName;
        try
        {
            var files = Stage(dir);
            return (Verdict(dir, files), Lint(files));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private List<string> Stage(string dir)
    {
        string Write(string name, string text)
        {
            var path = Path.Combine(dir, name);
            File.WriteAllText(path, text);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1)); // postconf re-reads a file younger than a second
            return path;
        }

        return Kind switch
        {
            RenderedKind.PostfixMain => [Write("main.cf", Text), Write("master.cf", Companion ?? File.ReadAllText(Path.Combine(PostfixFiles.DebianFolder, "master.cf.dist")))],
            RenderedKind.PostfixMaster => [Write("master.cf", Text), Write("main.cf", Companion ?? "")],
            RenderedKind.EximDebconf => [Write("update-exim4.conf.conf", Text)],
            RenderedKind.EximConfig => [Write("exim4.conf", Text)],
            _ => [Write("sendmail.mc", Text)],
        };
    }

    private MtaVerdict Verdict(string dir, List<string> files)
    {
        switch (Kind)
        {
            case RenderedKind.PostfixMain or RenderedKind.PostfixMaster:
            {
                // main.cf: postconf -n reads it (and says what it sets); master.cf: postconf -M reads every service line.
                var main = Kind == RenderedKind.PostfixMain;
                var run = Postconf.Run("-c", dir, main ? "-n" : "-M");
                var messages = run.Stderr.Replace(dir, "DIR", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
                var accepted = run.ExitCode == 0 && !messages.Any(l => l.Contains("fatal:", StringComparison.Ordinal) || l.Contains("error:", StringComparison.Ordinal));
                var settings = main && run.ExitCode == 0 ? Postconf.Parse(run.Stdout).Where(kv => kv.Key != "config_directory").ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal) : null;
                return new MtaVerdict(accepted, messages, settings);
            }

            case RenderedKind.EximDebconf:
            {
                var root = DebianBuild.Tree(files[0]);
                try
                {
                    var (output, refusal) = DebianBuild.TryRun(root);
                    if (refusal is not null)
                    {
                        return new MtaVerdict(false, [refusal.Replace(root, "ROOT", StringComparison.Ordinal).Trim()], null);
                    }

                    var check = EximTestHost.RunExim("-C", output, "-bV");
                    var messages = check.Stderr.Replace(root, "ROOT", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
                    return new MtaVerdict(check.ExitCode == 0, messages, null);
                }
                finally
                {
                    Directory.Delete(root, recursive: true);
                }
            }

            case RenderedKind.EximConfig:
                return EximRendering.Verdict(files[0]);

            default:
            {
                var cf = SendmailTestFiles.BuildCf(files[0]);
                return new MtaVerdict(cf is not null, cf is null ? ["m4 with sendmail-cf built no .cf with a SmtpGreetingMessage"] : [], null);
            }
        }
    }

    private static List<RenderedFinding> Lint(List<string> files)
    {
        var run = CliRunner.RunReal(["--format", "json", .. files]);
        var diagnostics = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("diagnostics");
        return diagnostics.EnumerateArray().Select(d => new RenderedFinding(
            d.GetProperty("rule").GetString()!,
            d.GetProperty("file").GetString() == files[0],
            d.GetProperty("line").ValueKind == JsonValueKind.Number ? d.GetProperty("line").GetInt32() : null,
            d.GetProperty("message").GetString()!)).ToList();
    }
}
