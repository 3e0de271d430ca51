using MtaLint.Engine;
using System.Net;
using System.Text;
using MtaLint.Dialects;
using MtaLint.Model;
using MtaLint.Policy;
using MtaLint.Probe;
using MtaLint.Rules;
using MtaLint.Rules.Banners;
using MtaLint.Tests.Infrastructure;
using MtaLint.Tests.Probe;
using MtaLint.Text;

namespace MtaLint.Tests.Rules.PerRule;

/// <summary>
/// One case of a rule's fixtures: the folder <c>Fixtures/&lt;ID&gt;/&lt;dialect&gt;-&lt;what it shows&gt;/</c> holds
/// the config files of one unit as the MTA names them (and a <c>.mtalint.yaml</c> when the rule
/// needs a policy). It is linted by the real dialect with only its rule (every rule for the
/// suppression rules MTA001/MTA002, which judge the others), and renders what it reports two ways:
/// <see cref="Findings"/> for the assertions (id, span, fix edits: no wording) and
/// <see cref="Wording"/> for the rule's one snapshot.
/// A <c>wire-</c> case (the probe's rules, MTA4xx) holds a <c>session.smtp</c> in the rule docs' transcript
/// form: a loopback server plays it, the real probe talks to it, and the rule judges the session
/// (compared with the config files beside it, read by the dialect that recognises them, for MTA42x).
/// </summary>
internal sealed partial class RuleFixture
{
    /// <summary>Banners that show the time render it as of this moment (Exim's <c>$tod_full</c>, Sendmail's <c>$b</c>).</summary>
    private static readonly AnalysisOptions Options = new(Hostname: "mx.example.com") { Now = new DateTimeOffset(2026, 11, 22, 3, 22, 41, TimeSpan.Zero) };

    private RuleFixture(string ruleId, string name)
    {
        RuleId = ruleId;
        Name = name;
        Folder = Path.Combine(Root, ruleId, name);
    }

    /// <summary>Where the fixtures are: beside this source file, read in place.</summary>
    public static string Root => Path.Combine(TestPaths.RepoRoot, "tests", "MtaLint.Tests", "Rules", "PerRule", "Fixtures");

    public string RuleId { get; }

    /// <summary>The folder's name: the dialect, a dash, then what the case shows in lower-case words.</summary>
    public string Name { get; }

    public string Folder { get; }

    public string Dialect => Name[..Name.IndexOf('-', StringComparison.Ordinal)];

    /// <summary>The prefix of the cases of the probe's rules, which judge a session instead of a config.</summary>
    public const string Wire = "wire";

    /// <summary>The transcript a wire case's server plays.</summary>
    public const string SessionFile = "session.smtp";

    /// <summary>The rule ids that have a fixture folder.</summary>
    public static IEnumerable<string> RuleIds() =>
        Directory.EnumerateDirectories(Root).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal);

    public static IReadOnlyList<RuleFixture> Cases(string ruleId)
    {
        var folder = Path.Combine(Root, ruleId);
        return Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder).Select(d => new RuleFixture(ruleId, Path.GetFileName(d))).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray()
            : [];
    }

    public static RuleFixture Case(string ruleId, string name)
    {
        var fixture = new RuleFixture(ruleId, name);
        Assert.True(Directory.Exists(fixture.Folder), $"no fixture folder {Path.GetRelativePath(TestPaths.RepoRoot, fixture.Folder)}");
        return fixture;
    }

    /// <summary>The test method that checks a case is named after it: <c>postfix-level-none</c> is <c>Postfix_level_none</c>.</summary>
    public static string MethodName(string caseName) => char.ToUpperInvariant(caseName[0]) + caseName[1..].Replace('-', '_');

    public static string CaseName(string methodName) => methodName.ToLowerInvariant().Replace('_', '-');

    /// <summary>
    /// The rule's findings (and syntax errors, which a fixture must not have unless it is about them) in report
    /// order, and what to mask in their text: the port of a wire case's loopback server.
    /// </summary>
    private (IReadOnlyList<Diagnostic> Diagnostics, Func<string, string> Mask) Run()
    {
        if (Dialect == Wire)
        {
            return RunWire();
        }

        var dialect = DialectRegistry.Find(Dialect);
        Assert.True(dialect is not null, $"{Name}: the case name must start with a registered dialect ({string.Join(", ", RegisteredDialects.Names)}) or {Wire}");
        var (unit, files) = ReadUnit(dialect!, ConfigPaths());
        return (CaseLinter().Lint(unit.Dialect, files).Diagnostics, text => text.Replace(Folder + "/", string.Empty, StringComparison.Ordinal));
    }

    private (IReadOnlyList<Diagnostic> Diagnostics, Func<string, string> Mask) RunWire()
    {
        var script = SmtpScript.Parse(File.ReadAllText(Path.Combine(Folder, SessionFile)));
        var (session, port) = Task.Run(async () =>
        {
            await using var server = new LoopbackServer(SmtpScript.Server(script));
            var result = await new SmtpProber().ProbeAsync(new ProbeOptions
            {
                Host = "mx.example.com",
                ConnectTo = [IPAddress.Loopback],
                Port = server.Port,
                HeloName = "client.example.org",
                StepTimeout = TimeSpan.FromSeconds(30), // a TLS case makes its 2048-bit test key first: slow on a busy machine
                StartTls = script.Contains("C: STARTTLS") ? StartTlsMode.Auto : StartTlsMode.Off,
            }, TestContext.Current.CancellationToken);
            return (result.Session, server.Port);
        }).GetAwaiter().GetResult();

        var paths = ConfigPaths().Where(p => Path.GetFileName(p) != SessionFile).ToArray();
        if (paths.Length > 0)
        {
            // The config the session is compared with (mtalint probe --compare CONFIG).
            var dialect = DialectRegistry.All.FirstOrDefault(d => paths.All(p => d.Recognizes(p, () => File.ReadAllText(p))));
            Assert.True(dialect is not null, $"{Name}: no dialect recognises {string.Join(", ", paths.Select(Path.GetFileName))}");
            var (_, files) = ReadUnit(dialect!, paths);
            var analysis = dialect!.Analyze(files, Options);
            Assert.True(analysis.Succeeded, string.Join("; ", analysis.Errors.Select(e => e.Message)));
            session = session with { Configured = analysis.Config };
        }

        var rule = RuleCatalog.Find(RuleId) ?? throw new InvalidOperationException($"{RuleId} is not in the rule catalog");
        var diagnostics = new WireLinter(new RuleSet([rule])).Lint(WireModel.Build(session)).Diagnostics;
        // The server's port is the system's pick; the test certificates are made for the run (valid from a day
        // before it); the TLS stack words a broken handshake by how far the garbage got (end of stream, bad frame).
        var endpoint = ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (diagnostics, text =>
        {
            text = text.Replace(endpoint, ":PORT", StringComparison.Ordinal).Replace(Folder + "/", string.Empty, StringComparison.Ordinal);
            return HandshakeError().Replace(UtcTime().Replace(text, "<time> UTC"), "<the TLS stack's error>");
        });
    }

    private string[] ConfigPaths() =>
        Directory.EnumerateFiles(Folder).Where(p => Path.GetFileName(p) != ProjectConfig.FileName).Order(StringComparer.Ordinal).ToArray();

    private static (ConfigUnit Unit, SourceFile[] Files) ReadUnit(IDialect dialect, IReadOnlyList<string> paths)
    {
        var unit = Assert.Single(dialect.Group(paths, Options));
        return (unit, unit.Paths.Select(p => SourceFile.FromBytes(p, File.ReadAllBytes(p))).ToArray());
    }

    /// <summary>
    /// Id, span with the text it covers, and each fix edit (what is replaced, by what, safe or unsafe), one
    /// finding a line and its fix below it: what the per-rule tests assert. No message: that is <see cref="Wording"/>.
    /// </summary>
    public string Findings()
    {
        var (diagnostics, mask) = Run();
        var text = new StringBuilder();
        foreach (var d in diagnostics)
        {
            text.Append(d.RuleId).Append(' ').Append(Where(d.Finding.File, d.Finding.Location?.Span)).Append('\n');
            if (d.Fix is null)
            {
                text.Append("  no fix\n");
                continue;
            }

            foreach (var edit in d.Fix.Edits)
            {
                text.Append("  ").Append(d.Fix.Safety == FixSafety.Safe ? "safe" : "unsafe").Append(" fix ")
                    .Append(Where(edit.File, edit.Span)).Append(" -> ").Append(Quote(edit.NewText)).Append('\n');
            }
        }

        return mask(text.ToString());
    }

    /// <summary>
    /// What a user reads: severity, message, notes and the fix's description of each finding. Dates in
    /// the RFC 5322 form are masked: Sendmail's <c>$b</c> renders the time of the run, not <see cref="Options"/>' Now.
    /// </summary>
    public string Wording()
    {
        var (diagnostics, mask) = Run();
        var text = new StringBuilder();
        foreach (var d in diagnostics)
        {
            var at = d.Start is { } start ? $"{Relative(d.Finding.File)}:{start}" : Relative(d.Finding.File);
            text.Append($"{d.RuleId} {d.Severity.ToString().ToLowerInvariant()} {at}: {d.Message}\n");
            foreach (var note in d.Finding.Notes)
            {
                text.Append($"  = {note}\n");
            }

            if (d.Fix is { } fix)
            {
                text.Append($"  = fix ({fix.Safety.ToString().ToLowerInvariant()}): {fix.Description}\n");
            }
        }

        return TimeOfDay().Replace(mask(text.ToString()), "<date>");
    }

    private Linter CaseLinter()
    {
        var policyPath = Path.Combine(Folder, ProjectConfig.FileName);
        var policy = File.Exists(policyPath) ? ProjectConfigReader.Parse(policyPath, File.ReadAllText(policyPath)) : ProjectConfig.Empty(Folder);
        var rules = RuleId switch
        {
            InlineSuppressions.UnusedId or InlineSuppressions.InvalidId => RuleSet.Default,
            Linter.SyntaxErrorId => new RuleSet([]),
            Mta110BannerPolicy.RuleId => new RuleSet([new Mta110BannerPolicy(policy.Banner)]),
            _ => new RuleSet([RuleCatalog.Find(RuleId) ?? throw new InvalidOperationException($"{RuleId} is not in the rule catalog")]),
        };
        return new Linter(rules, Options, new OnlyRule(RuleId, new PolicyStage(policy)));
    }

    /// <summary><c>main.cf:3:1-3:20 "text it covers"</c>, or <c>main.cf (whole file)</c> for a finding about something absent.</summary>
    private string Where(SourceFile file, TextSpan? span)
    {
        if (span is not { } s)
        {
            return $"{Relative(file)} (whole file)";
        }

        var covered = file.Text.Substring(s.Start, s.Length);
        var shown = covered.Length <= 80 ? Quote(covered) : Quote(covered[..60]) + $"...({covered.Length} chars)";
        return $"{Relative(file)}:{file.GetPosition(s.Start)}-{file.GetPosition(s.End)} {shown}";
    }

    /// <summary>A fixture's file by its name in the case folder; a wire case's greeting and transcript by theirs.</summary>
    private string Relative(SourceFile file) => Path.IsPathRooted(file.Path) ? Path.GetRelativePath(Folder, file.Path) : file.Path;

    /// <summary>A C#-style quoted string: line breaks, tabs, quotes and backslashes escaped, so an expectation shows every char.</summary>
    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t") + "\"";

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<=failed after the server accepted STARTTLS: )[^;]+(?=; )")]
    private static partial System.Text.RegularExpressions.Regex HandshakeError();

    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC")]
    private static partial System.Text.RegularExpressions.Regex UtcTime();

    [System.Text.RegularExpressions.GeneratedRegex(@"[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}")]
    private static partial System.Text.RegularExpressions.Regex TimeOfDay();

    /// <summary>Keeps the case's rule and syntax errors (a fixture that does not parse must show it).</summary>
    private sealed class OnlyRule(string id, IDiagnosticFilter inner) : IDiagnosticFilter
    {
        public IReadOnlyList<Diagnostic> Filter(LintResult result, RuleSet rules) =>
            inner.Filter(result, rules).Where(d => d.RuleId == id || d.RuleId == Linter.SyntaxErrorId).ToArray();
    }
}
