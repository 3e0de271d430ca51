using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MtaLint.Engine;
using MtaLint.Model;
using MtaLint.Probe;
using MtaLint.Reporting;
using MtaLint.Rules;
using MtaLint.Text;
using MtaLint.Workspace;

namespace MtaLint.Cli;

/// <summary>
/// <c>mtalint probe HOST[:PORT]</c>: one SMTP session with a live server, the wire rules (and the
/// banner rules) on what it showed, and with <c>--compare CONFIG</c> the config linted beside it.
/// </summary>
internal sealed class ProbeCommand(CommonOptions common, ReportFormats formats, TextWriter stdout, TextWriter stderr, CliHost host)
{
    private readonly Argument<string> _target = new("HOST[:PORT]")
    {
        Description = "The server: a host name or address, with a port (default 25, or 465 with --implicit-tls); IPv6 as [addr]:port",
    };

    private readonly Option<string> _startTls = new("--starttls")
    {
        Description = "auto: upgrade with STARTTLS when advertised; off: stay in plaintext",
        DefaultValueFactory = _ => "auto",
    };

    private readonly Option<string?> _helo = new("--helo") { Description = "Name to send with EHLO/HELO (default: this machine's name)", HelpName = "NAME" };

    private readonly Option<double> _timeout = new("--timeout")
    {
        Description = "Seconds to wait for each step (connect, each reply, the TLS handshake); the whole session gets four times that",
        HelpName = "S",
        DefaultValueFactory = _ => 10,
    };

    private readonly Option<bool> _implicitTls = new("--implicit-tls") { Description = "TLS from the first byte (port 465) instead of STARTTLS" };

    private readonly Option<string> _format = new("--format") { Description = "Output format", DefaultValueFactory = _ => "text" };

    private readonly Option<string> _failOn = new("--fail-on")
    {
        Description = "Lowest severity that makes the exit code 1",
        HelpName = string.Join("|", LintCommand.FailOnLevels),
        DefaultValueFactory = _ => "warning",
    };

    private readonly Option<string?> _compare = new("--compare")
    {
        Description = "Also lint this config and report where it and the wire disagree (MTA420, MTA421)",
        HelpName = "CONFIG",
    };

    public Command Create()
    {
        var command = new Command("probe", "Check a live SMTP server the way a sending MTA sees it: greeting, EHLO, STARTTLS, certificate; never sends mail, never authenticates");
        _startTls.AcceptOnlyFromAmong("auto", "off");
        _startTls.HelpName = "auto|off";
        _format.HelpName = string.Join("|", formats.Names);
        _format.AcceptOnlyFromAmong(formats.Names.ToArray());
        _failOn.AcceptOnlyFromAmong(LintCommand.FailOnLevels);
        command.Arguments.Add(_target);
        command.Options.Add(_startTls);
        command.Options.Add(_helo);
        command.Options.Add(_timeout);
        command.Options.Add(_implicitTls);
        command.Options.Add(_format);
        command.Options.Add(_failOn);
        command.Options.Add(_compare);
        command.SetAction((result, token) => ExecuteAsync(result, token));
        return command;
    }

    private async Task<int> ExecuteAsync(ParseResult result, CancellationToken cancellationToken)
    {
        if (!ProbeTarget.TryParse(result.GetValue(_target)!, out var target, out var error))
        {
            stderr.WriteLine($"mtalint: probe: {error}");
            return ExitCodes.Error;
        }

        var timeout = result.GetValue(_timeout);
        if (!(timeout > 0 && timeout <= 3600))
        {
            stderr.WriteLine($"mtalint: probe: --timeout {timeout.ToString(CultureInfo.InvariantCulture)} is not a number of seconds between 0 and 3600");
            return ExitCodes.Error;
        }

        var helo = result.GetValue(_helo);
        if (helo is not null && (helo.Length == 0 || helo.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            stderr.WriteLine($"mtalint: probe: --helo '{helo}' is not a host name");
            return ExitCodes.Error;
        }

        var implicitTls = result.GetValue(_implicitTls);
        var options = new ProbeOptions
        {
            Host = target!.Host,
            Port = target.Port ?? (implicitTls ? 465 : 25),
            ImplicitTls = implicitTls,
            StartTls = result.GetValue(_startTls) == "off" ? StartTlsMode.Off : StartTlsMode.Auto,
            StepTimeout = TimeSpan.FromSeconds(timeout),
        };
        if (helo is not null)
        {
            options = options with { HeloName = helo };
        }

        var units = new List<UnitReport>();
        MtaConfig? configured = null;
        TreeRedaction? redaction = null;
        IReadOnlyList<SourceFile> configRead = [];
        if (result.GetValue(_compare) is { } configPath)
        {
            if (LintConfig(result, configPath, target.Host, units, out redaction, out configured, out configRead) is { } failure)
            {
                return failure;
            }
        }

        var probe = await new SmtpProber().ProbeAsync(options, cancellationToken).ConfigureAwait(false);
        var session = probe.Session with { Configured = configured };
        var wire = new WireLinter(WireLinter.DefaultRules).Lint(WireModel.Build(session));
        var wireReport = new UnitReport(wire.Files.Select(f => f.Path).ToArray(), wire.Diagnostics, []);
        units.Insert(0, redaction?.MaskQuotes(wireReport, configRead) ?? wireReport); // MTA420/421 quote the config

        var format = result.GetValue(_format)!;
        var formatter = formats.Find(format)!;
        var summary = Summarize(units);
        var settings = new ReportSettings(host.UseColor, ToolVersion: Cli.Version, Width: host.TerminalWidth, CountFiles: false);
        if (format == "json")
        {
            WriteJson(formatter, settings, units, summary, ProbeJson.Create(session, probe.Elapsed));
        }
        else
        {
            if (format == "text")
            {
                WriteSessionSummary(session);
            }

            var writer = formatter.Start(stdout, settings);
            units.ForEach(writer.Write);
            writer.Finish(summary);
        }

        // A server that could not be reached was not checked, like a file that could not be read (MTA412 says why).
        if (session.Failure is { Stage: ProbeStage.Resolve or ProbeStage.Connect })
        {
            stderr.WriteLine($"mtalint: probe: could not reach {session.Endpoint}; nothing was checked");
            return ExitCodes.Error;
        }

        var failOn = result.GetValue(_failOn)!;
        return units.SelectMany(u => u.Diagnostics).Any(d => AtOrAbove(d.Severity, failOn)) ? ExitCodes.Findings : ExitCodes.Clean;
    }

    /// <summary>Lints the config given with <c>--compare</c>; an exit code when it cannot be used.</summary>
    private int? LintConfig(ParseResult result, string path, string probedHost, List<UnitReport> units, out TreeRedaction? redaction, out MtaConfig? config, out IReadOnlyList<SourceFile> read)
    {
        config = null;
        read = [];
        redaction = null;
        if (common.ReadAnalysisOptions(result, stderr) is not { } analysis)
        {
            return ExitCodes.Error;
        }

        // Render the config's host name as the name probed unless the config or --hostname names one.
        if (analysis.Hostname is null && !System.Net.IPAddress.TryParse(probedHost, out _))
        {
            analysis = analysis with { Hostname = probedHost };
        }

        var discovery = new InputDiscovery(common.Dialects, common.ForcedDialect(result), options: analysis).Discover([path]);
        foreach (var problem in discovery.Problems)
        {
            stderr.WriteLine($"mtalint: {problem.Path}: {problem.Message}");
        }

        foreach (var skipped in discovery.Skipped)
        {
            stderr.WriteLine($"mtalint: note: {skipped.Note}");
        }

        if (discovery.Problems.Count > 0 || discovery.Units.Count != 1)
        {
            if (discovery.Problems.Count == 0)
            {
                stderr.WriteLine($"mtalint: probe --compare: {path} holds {(discovery.Units.Count == 0 ? "no mail server config" : $"{discovery.Units.Count} configs")}; give one config (a file or an MTA's config folder)");
            }

            return ExitCodes.Error;
        }

        var unit = discovery.Units[0];
        var inputs = UnitProcessor.ReadUnit(unit, out var unreadable);
        if (unreadable.Count > 0)
        {
            foreach (var d in unreadable)
            {
                stderr.WriteLine($"mtalint: {d.Path}: {d.Message}");
            }

            return ExitCodes.Error;
        }

        var sources = inputs.Select(i => i.Source).ToArray();
        var lint = new Linter(host.RuleSet, analysis).Lint(unit.Dialect, sources[..unit.Paths.Count], sources[unit.Paths.Count..]);

        // The config's findings are reported like a lint run's: nothing of a file outside the config's tree.
        redaction = new TreeRedaction(LintedTree.ForRun([path], discovery.Units.SelectMany(u => u.Paths), analysis.Root));
        read = [.. lint.Files, .. lint.Included];
        var report = redaction.Apply(new UnitReport(unit.Files, lint.Diagnostics, []), read);
        if (lint.Config is null)
        {
            foreach (var d in report.Diagnostics)
            {
                stderr.WriteLine(UnsafeChars.Replaced($"{(d.Start is { } s ? $"{EscapedPath.Of(d.Path)}:{s}" : EscapedPath.Of(d.Path))}: error[{d.RuleId}] {d.Message}"));
            }

            return ExitCodes.Error;
        }

        config = lint.Config;
        units.Add(report);
        return null;
    }

    /// <summary>The standard JSON report with the observation inserted as <c>probe</c>.</summary>
    private void WriteJson(IReportFormatter formatter, ReportSettings settings, List<UnitReport> units, RunSummary summary, JsonObject probe)
    {
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        var writer = formatter.Start(buffer, settings);
        units.ForEach(writer.Write);
        writer.Finish(summary);
        var document = JsonNode.Parse(buffer.ToString())!.AsObject();
        document.Insert(1, "probe", probe);
        stdout.WriteLine(UnsafeChars.EscapedInJson(document.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        })));
    }

    /// <summary>A few lines of what the server showed, before the findings, for people.</summary>
    private void WriteSessionSummary(ObservedSession session)
    {
        var address = session.Address is { } a && a != session.Host ? $" ({a})" : string.Empty;
        Line($"probe {session.Endpoint}{address}");
        if (session.Greeting is { } greeting)
        {
            foreach (var line in greeting.Lines)
            {
                Line($"  greeting:  {line}");
            }
        }

        if (session.Ehlo is not null)
        {
            Line($"  {(session.UsedHelo ? "HELO" : "EHLO")}:      {(session.Extensions.Count == 0 ? "no extensions" : string.Join(" ", session.Extensions))}");
        }

        if (session.StartTlsReply is { } startTls)
        {
            Line($"  STARTTLS:  {startTls.Summary}");
        }

        if (session.Tls is { } tls)
        {
            Line($"  TLS:       {tls.ProtocolName}, {tls.CipherSuite}");
            if (tls.Certificate is { } c)
            {
                Line($"  cert:      {c.Subject}; issuer {c.Issuer}; valid {c.NotBefore:yyyy-MM-dd HH:mm} to {c.NotAfter:yyyy-MM-dd HH:mm} UTC");
            }
        }
        else if (session.TlsHandshakeError is { } error)
        {
            Line($"  TLS:       handshake failed: {error}");
        }

        stdout.WriteLine();

        // The server chose these texts (its greeting, its certificate's names): they must not drive the terminal.
        void Line(string text) => stdout.WriteLine(UnsafeChars.Replaced(text));
    }

    private static RunSummary Summarize(IReadOnlyList<UnitReport> units)
    {
        var all = units.SelectMany(u => u.Diagnostics).ToArray();
        return new RunSummary(
            FilesChecked: units.Sum(u => u.Files.Count),
            FilesWithFindings: all.Select(d => d.Path).Distinct(StringComparer.Ordinal).Count(),
            Errors: all.Count(d => d.Severity == Severity.Error),
            Warnings: all.Count(d => d.Severity == Severity.Warning),
            Infos: all.Count(d => d.Severity == Severity.Info),
            Fixable: 0,
            FixableUnsafe: 0,
            Fixed: 0,
            FilesFixed: 0);
    }

    private static bool AtOrAbove(Severity severity, string failOn) => failOn switch
    {
        "never" => false,
        "error" => severity >= Severity.Error,
        "info" => true,
        _ => severity >= Severity.Warning,
    };
}
