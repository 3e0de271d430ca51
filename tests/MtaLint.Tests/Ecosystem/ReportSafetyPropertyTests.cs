using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CsCheck;
using MtaLint.Dialects;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Reporting;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Tests.Ecosystem;

/// <summary>
/// Every output format against generated strings that break formats and terminals: C0 and C1
/// controls, DEL, bidirectional controls (U+202E...), U+2028/9, lone surrogates, U+FFFE/F, and each
/// format's own syntax, in messages, notes, fixes, file names and the config text a finding points
/// at. Each output must parse in its format and hold no raw unsafe char (<see cref="UnsafeChars"/>);
/// the machine formats must still carry the data (JSON escapes, it does not drop). CsCheck shrinks a
/// failure to its smallest case and prints the seed that replays it.
/// </summary>
public sealed partial class ReportSafetyPropertyTests
{
    private const string Dangerous = "\u0000\u0001\u0007\b\v\f\r\n\u001b\u007f\u0080\u0085\u008d\u009b\u009f\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029\ufffe\uffff\ud800\udbff\udc00\udfff";

    private const string Syntax = "<>&\"'\\%:,;=[]{}#$`|-\t ";

    private const string Plain = "abcMXZ0129._/éß中";

    private static readonly ReportPaths Paths = new("/srv");

    private static readonly Gen<string> Hostile = HostileFrom(Dangerous);

    // A file name cannot hold a NUL (the kernel ends names there); everything else can reach a report.
    private static readonly Gen<string> HostileName = HostileFrom(Dangerous.Replace("\u0000", string.Empty, StringComparison.Ordinal));

    private static readonly Gen<Case> Cases = Gen.Select(HostileName, Hostile, Hostile, Hostile, Hostile, Hostile, (n, v, m, o, f, i) => new Case(n, v, m, o, f, i));

    private static readonly (string Name, Func<IReportFormatter> Create)[] Formats =
    [
        ("text", () => new TextFormatter()),
        ("json", () => new JsonFormatter()),
        ("sarif", () => new SarifFormatter(Paths, ToolInfo.Default)),
        ("github", () => new GitHubFormatter(Paths)),
        ("junit", () => new JUnitFormatter(Paths)),
        ("gitlab", () => new GitLabFormatter(Paths)),
        ("statistics", () => new StatisticsFormatter()),
    ];

    /// <summary>A finding at a setting's value (with a fix that replaces it) and one about the whole file, all of whose texts are generated.</summary>
    public sealed record Case(string Name, string Value, string Message, string Note, string FixText, string Inserted)
    {
        public string Path => "conf/" + Name + "/main.cf";

        public UnitReport Report()
        {
            var file = new SourceFile(Path, "smtpd_banner = " + Value + "\nrelay = on\n");
            var value = file.Span(15, Value.Length);
            return new UnitReport([Path], [
                new Diagnostic("MTA101", "banner-version", Severity.Warning, Finding.At(value, Message, Fix.Safe(FixText, TextEdit.Replace(value, Inserted)), Note)),
                new Diagnostic("MTA201", "tls-server-off", Severity.Error, Finding.InFile(file, Message + Note, null, Value)),
            ], []);
        }
    }

    [Fact]
    public void Every_format_parses_and_holds_no_raw_unsafe_char() =>
        Cases.Sample(c =>
        {
            foreach (var (name, create) in Formats)
            {
                var output = Render(create(), c.Report(), color: false);
                AssertNoRawUnsafe(output, name);
                AssertReadable(name, output, c);
            }
        }, iter: 300, threads: 1);

    [Fact]
    public void Colour_adds_only_its_own_escape_sequences() =>
        Cases.Sample(c =>
        {
            var output = Render(new TextFormatter(), c.Report(), color: true);
            AssertNoRawUnsafe(OwnColour().Replace(output, string.Empty), "text in colour");
        }, iter: 200, threads: 1);

    [Fact]
    public void Sarif_stays_valid_against_its_schema() =>
        Cases.Sample(c => SchemaValidation.AssertValidSarif(Render(new SarifFormatter(Paths, ToolInfo.Default), c.Report(), color: false)), iter: 30, threads: 1);

    [Fact]
    public void Diff_headers_quote_unsafe_names_and_read_back_as_the_name() =>
        Gen.Select(HostileName, Hostile).Sample((name, value) =>
        {
            var path = "conf/" + name + "/main.cf";
            var diff = UnifiedDiff.Create(path, "smtpd_banner = x\n", "smtpd_banner = " + value + "\n");
            var headers = diff.Split('\n').Where(l => l.StartsWith("--- ", StringComparison.Ordinal) || l.StartsWith("+++ ", StringComparison.Ordinal)).ToArray();
            Assert.Equal(2, headers.Length);
            foreach (var header in headers)
            {
                AssertNoRawUnsafe(header, "diff header");
            }

            // UnifiedDiff writes a backslash as '/' (a Windows separator) before quoting.
            var shown = Carried(path.Replace('\\', '/'));
            Assert.Equal("a/" + shown, GitUnquote(headers[0][4..]));
            Assert.Equal("b/" + shown, GitUnquote(headers[1][4..]));
        }, iter: 300, threads: 1);

    [Fact]
    public void Show_prints_a_real_model_of_hostile_values_safely() =>
        Gen.Select(HostileName, Hostile, Hostile).Sample((name, banner, other) =>
        {
            // Postfix reads any line with '=': values without a line break or '$' always make a model.
            static string Value(string s) => s.Replace("\n", " ", StringComparison.Ordinal).Replace("$", "S", StringComparison.Ordinal);
            var path = "conf/" + name + "/main.cf";
            var text = $"myhostname = mx.example.com\nsmtpd_banner = $myhostname ESMTP {Value(banner)}\nmy_own = {Value(other)}\n";
            var config = new PostfixDialect().Analyze([new SourceFile(path, text)], new AnalysisOptions("mx.example.com")).Config;
            Assert.NotNull(config);
            foreach (var format in ModelWriter.Formats)
            {
                var output = new StringWriter { NewLine = "\n" };
                var writer = ModelWriter.Create(format, output);
                writer.Write([path], "postfix", config);
                writer.Finish();
                AssertNoRawUnsafe(output.ToString(), "show " + format);
                if (format == "json")
                {
                    using var document = JsonDocument.Parse(output.ToString());
                    var entry = document.RootElement.GetProperty("files")[0];
                    Assert.Equal(Carried(path), entry.GetProperty("path").GetString());
                    var settings = entry.GetProperty("settings");
                    if (config.EffectiveSettings.TryGetValue("my_own", out var mine))
                    {
                        Assert.Equal(Carried(mine), settings.GetProperty("my_own").GetString());
                    }
                    else
                    {
                        Assert.False(settings.TryGetProperty("my_own", out _));
                    }
                }
            }
        }, iter: 200, threads: 1);

    [Fact]
    public void The_checks_catch_what_they_look_for()
    {
        // The assertions above are not vacuous: a raw ESC or U+202E, or an XML-invalid char, fails them.
        Assert.ThrowsAny<Exception>(() => AssertNoRawUnsafe("ok\u001b[2Jgone", "probe"));
        Assert.ThrowsAny<Exception>(() => AssertNoRawUnsafe("abc\u202Efed", "probe"));
        Assert.ThrowsAny<Exception>(() => AssertNoRawUnsafe("half \ud800 pair", "probe"));
        AssertNoRawUnsafe("tab\tand\r\nline and pair \ud83d\ude00", "probe");
        Assert.ThrowsAny<Exception>(() => XDocument.Parse("<a b=\"\u0001\"/>"));
    }

    private static Gen<string> HostileFrom(string dangerous) =>
        Gen.Frequency((4, Gen.Char[Plain]), (3, Gen.Char[dangerous]), (2, Gen.Char[Syntax])).Array[0, 20].Select(chars => new string(chars));

    private static string Render(IReportFormatter formatter, UnitReport report, bool color)
    {
        var output = new StringWriter { NewLine = "\n" };
        var writer = formatter.Start(output, new ReportSettings(Color: color, ToolVersion: "1.2.3", ShowFixes: true));
        writer.Write(report);
        writer.Finish(new RunSummary(1, 1, 1, 1, 0, 1, 0, 0, 0));
        return output.ToString();
    }

    /// <summary>No unsafe char but the line breaks the format itself writes (LF, and CR before LF where a CRLF file's diff line keeps it).</summary>
    private static void AssertNoRawUnsafe(string output, string format)
    {
        for (var i = 0; i < output.Length; i++)
        {
            var c = output[i];
            if (c == '\n' || (c == '\r' && i + 1 < output.Length && output[i + 1] == '\n'))
            {
                continue;
            }

            if (UnsafeChars.IsUnsafeAt(output, i))
            {
                var from = Math.Max(0, i - 40);
                Assert.Fail($"{format}: raw U+{(int)c:X4} at {i}: \"{Visible(output.Substring(from, Math.Min(80, output.Length - from)))}\"");
            }
        }
    }

    /// <summary>Each format parses, keeps one finding per line or element, and carries the message as its rules say.</summary>
    private static void AssertReadable(string format, string output, Case c)
    {
        switch (format)
        {
            case "text":
                var headers = output.Split('\n').Where(l => l.StartsWith(EscapedPath.Of(c.Path) + ":", StringComparison.Ordinal)).ToArray();
                Assert.Equal($"{EscapedPath.Of(c.Path)}:1:16: warning[MTA101] {UnsafeChars.Replaced(c.Message)}", headers[0]);
                Assert.Equal(2, headers.Length);
                break;
            case "json":
                using (var json = JsonDocument.Parse(output))
                {
                    var first = json.RootElement.GetProperty("diagnostics")[0];
                    Assert.Equal(Carried(c.Message), first.GetProperty("message").GetString());
                    Assert.Equal(Carried(c.Path), first.GetProperty("file").GetString());
                }

                break;
            case "sarif":
                using (var sarif = JsonDocument.Parse(output))
                {
                    var result = sarif.RootElement.GetProperty("runs")[0].GetProperty("results")[0];
                    Assert.Equal(Carried(c.Message + "\n" + c.Note), result.GetProperty("message").GetProperty("text").GetString());
                    var inserted = result.GetProperty("fixes")[0].GetProperty("artifactChanges")[0].GetProperty("replacements")[0].GetProperty("insertedContent");
                    Assert.Equal(Carried(c.Inserted), inserted.GetProperty("text").GetString());
                }

                break;
            case "gitlab":
                using (var gitlab = JsonDocument.Parse(output))
                {
                    Assert.Equal("MTA101 " + Carried(c.Message), gitlab.RootElement[0].GetProperty("description").GetString());
                }

                break;
            case "junit":
                var failures = XDocument.Parse(output).Descendants("failure").ToArray();
                Assert.Equal(2, failures.Length);
                Assert.Equal(UnsafeChars.Replaced(c.Message), failures[0].Attribute("message")!.Value);
                break;
            case "github":
                var commands = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(2, commands.Length);
                Assert.StartsWith("::warning file=", commands[0]);
                Assert.StartsWith("::error file=", commands[1]);
                var data = commands[0][(commands[0].IndexOf("::", 2, StringComparison.Ordinal) + 2)..];
                var message = data.Split("%0A")[0].Replace("%0D", "\r", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal);
                Assert.Equal(UnsafeChars.Replaced(c.Message), message);
                break;
        }
    }

    /// <summary>What a JSON document can carry of a string: everything but a surrogate that is not half of a pair.</summary>
    private static string Carried(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsSurrogate(chars[i]) && UnsafeChars.IsUnsafeAt(text, i))
            {
                chars[i] = UnsafeChars.Replacement;
            }
        }

        return new string(chars);
    }

    /// <summary>Reads a path as git apply does: as it is, or between double quotes with C escapes and octal bytes of UTF-8.</summary>
    private static string GitUnquote(string quoted)
    {
        if (!quoted.StartsWith('"'))
        {
            return quoted;
        }

        var bytes = new List<byte>();
        for (var i = 1; i < quoted.Length - 1; i++)
        {
            var c = quoted[i];
            if (c != '\\')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(char.IsSurrogate(c) ? quoted.Substring(i++, 2) : c.ToString()));
                continue;
            }

            var e = quoted[++i];
            switch (e)
            {
                case 'n': bytes.Add((byte)'\n'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case 't': bytes.Add((byte)'\t'); break;
                case >= '0' and <= '7':
                    bytes.Add(Convert.ToByte(quoted.Substring(i, 3), 8));
                    i += 2;
                    break;
                default: bytes.Add((byte)e); break;
            }
        }

        Assert.EndsWith("\"", quoted);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string Visible(string text) => string.Concat(text.Select(ch => ch < ' ' || ch > '~' ? $"\\u{(int)ch:X4}" : ch.ToString()));

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex OwnColour();
}
