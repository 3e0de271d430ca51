using System.Text.Json;
using System.Xml.Linq;
using MtaLint.Engine;
using MtaLint.Reporting;
using MtaLint.Tests.Cli;

namespace MtaLint.Tests.Ecosystem;

public sealed class FormatterTests
{
    private const string Text = "banner = $myhostname ESMTP bad\nother = risky\n";

    private static readonly ReportPaths Paths = new("/srv");

    [Fact]
    public void Sarif_output_is_valid_against_the_official_schema()
    {
        var sarif = Eco.Render(new SarifFormatter(Paths, ToolInfo.Default), Eco.Lint(Text), Eco.Lint("tls = on\n", "/srv/conf/clean.fake"));
        SchemaValidation.AssertValidSarif(sarif);
    }

    [Fact]
    public void Sarif_schema_validation_catches_a_broken_document()
    {
        // Proves the validator is not vacuous: a result without a message, a level SARIF does not know.
        var sarif = Eco.Render(new SarifFormatter(Paths, ToolInfo.Default), Eco.Lint(Text));
        var broken = sarif.Replace("\"level\": \"warning\"", "\"level\": \"loud\"").Replace("\"version\": \"2.1.0\"", "\"version\": \"9\"");
        Assert.NotEmpty(SchemaValidation.ValidateSarif(broken));
    }

    [Fact]
    public void Sarif_has_rules_regions_relative_uris_and_fixes()
    {
        var sarif = Eco.Render(new SarifFormatter(Paths, ToolInfo.Default), Eco.Lint(Text));
        using var doc = JsonDocument.Parse(sarif);
        var run = doc.RootElement.GetProperty("runs")[0];
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("mtalint", driver.GetProperty("name").GetString());
        Assert.Equal("1.2.3", driver.GetProperty("version").GetString());
        var rules = driver.GetProperty("rules").EnumerateArray().ToArray();
        var mta001 = rules.Single(r => r.GetProperty("id").GetString() == "MTA001");
        Assert.Equal("unused-suppression", mta001.GetProperty("name").GetString());
        Assert.Equal("A suppression comment suppresses nothing", mta001.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.StartsWith("A suppression comment", mta001.GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.Equal("https://github.com/mtalint/mtalint/blob/main/rules/MTA001.md", mta001.GetProperty("helpUri").GetString());
        Assert.Equal("warning", mta001.GetProperty("defaultConfiguration").GetProperty("level").GetString());

        var results = run.GetProperty("results").EnumerateArray().ToArray();
        var bad = results.Single(r => r.GetProperty("message").GetProperty("text").GetString()!.StartsWith("banner says bad"));
        Assert.Equal("MTA901", bad.GetProperty("ruleId").GetString());
        var location = bad.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("conf/main.fake", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("%SRCROOT%", location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString());
        var region = location.GetProperty("region");
        Assert.Equal(1, region.GetProperty("startLine").GetInt32());
        Assert.Equal(28, region.GetProperty("startColumn").GetInt32());
        Assert.Equal(1, region.GetProperty("endLine").GetInt32());
        Assert.Equal(31, region.GetProperty("endColumn").GetInt32());
        var replacement = bad.GetProperty("fixes")[0].GetProperty("artifactChanges")[0].GetProperty("replacements")[0];
        Assert.Equal(28, replacement.GetProperty("deletedRegion").GetProperty("startColumn").GetInt32());
        Assert.Equal(31, replacement.GetProperty("deletedRegion").GetProperty("endColumn").GetInt32());
        Assert.Equal("good", replacement.GetProperty("insertedContent").GetProperty("text").GetString());

        // The file-level finding (tls unset) still has a line for code scanning, and its fix is an insertion.
        var fileLevel = results.Single(r => r.GetProperty("message").GetProperty("text").GetString()!.StartsWith("inbound TLS is off"));
        Assert.Equal(1, fileLevel.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        var insert = fileLevel.GetProperty("fixes")[0].GetProperty("artifactChanges")[0].GetProperty("replacements")[0].GetProperty("deletedRegion");
        Assert.Equal(insert.GetProperty("startColumn").GetInt32(), insert.GetProperty("endColumn").GetInt32());
    }

    [Fact]
    public void Sarif_uses_file_uris_for_paths_outside_the_checkout()
    {
        var sarif = Eco.Render(new SarifFormatter(new ReportPaths("/elsewhere"), ToolInfo.Default), Eco.Lint(Text, "/srv/my conf/main.fake"));
        Assert.Contains("\"uri\": \"file:///srv/my%20conf/main.fake\"", sarif);
        SchemaValidation.AssertValidSarif(sarif);
    }

    [Theory]
    [InlineData("a%b\r\nc", "a%25b%0D%0Ac")]
    [InlineData("plain", "plain")]
    public void GitHub_data_escaping(string raw, string escaped) => Assert.Equal(escaped, GitHubFormatter.EscapeData(raw));

    [Theory]
    [InlineData("conf/a:b,c.fake", "conf/a%3Ab%2Cc.fake")]
    [InlineData("100%\n", "100%25%0A")]
    public void GitHub_property_escaping(string raw, string escaped) => Assert.Equal(escaped, GitHubFormatter.EscapeProperty(raw));

    [Fact]
    public void GitHub_commands_annotate_file_line_and_columns()
    {
        var output = Eco.Render(new GitHubFormatter(Paths), Eco.Lint(Text, "/srv/conf/a,b.fake"));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("::warning file=conf/a%2Cb.fake,line=1,col=28,endColumn=30,title=MTA901 MTA901::banner says bad%0Aclients see: $myhostname ESMTP bad%0Afix (safe): replace \"bad\" with \"good\"", lines);
        Assert.Contains(lines, l => l.StartsWith("::warning file=conf/a%2Cb.fake,title=MTA901 MTA901::inbound TLS is off", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches("^::(error|warning|notice) file=[^:]+::.+$", l));
    }

    [Fact]
    public void JUnit_is_well_formed_with_a_suite_per_file_and_a_case_per_finding()
    {
        var xml = Eco.Render(new JUnitFormatter(Paths), Eco.Lint(Text), Eco.Lint("tls = on\n", "/srv/conf/clean.fake"));
        var doc = XDocument.Parse(xml);
        var suites = doc.Root!.Elements("testsuite").ToArray();
        Assert.Equal(["conf/main.fake", "conf/clean.fake"], suites.Select(s => (string)s.Attribute("name")!));
        var main = suites[0];
        Assert.Equal(3, main.Elements("testcase").Count());
        Assert.Equal("3", (string)main.Attribute("failures")!);
        Assert.All(main.Elements("testcase"), c => Assert.NotNull(c.Element("failure")));
        Assert.Contains(main.Elements("testcase"), c => (string)c.Attribute("name")! == "MTA901 MTA901 at 1:28" && (string)c.Attribute("line")! == "1");
        var clean = suites[1].Elements("testcase").Single();
        Assert.Equal(JUnitFormatter.CleanCaseName, (string)clean.Attribute("name")!);
        Assert.Null(clean.Element("failure"));
        Assert.Equal("4", (string)doc.Root!.Attribute("tests")!);
        Assert.Equal("3", (string)doc.Root!.Attribute("failures")!);
    }

    [Fact]
    public void JUnit_drops_control_characters_xml_cannot_hold()
    {
        var xml = Eco.Render(new JUnitFormatter(Paths), Eco.Lint("x = bad\u0007\n", "/srv/conf/main.fake"));
        Assert.NotNull(XDocument.Parse(xml).Root);
    }

    [Fact]
    public void GitLab_code_quality_report_has_stable_distinct_fingerprints()
    {
        var json = Eco.Render(new GitLabFormatter(Paths), Eco.Lint("x = bad\ny = bad\n"));
        using var doc = JsonDocument.Parse(json);
        var issues = doc.RootElement.EnumerateArray().ToArray();
        Assert.Equal(3, issues.Length);
        Assert.Equal(issues.Length, issues.Select(i => i.GetProperty("fingerprint").GetString()).Distinct().Count());
        Assert.All(issues, i => Assert.Equal("conf/main.fake", i.GetProperty("location").GetProperty("path").GetString()));
        var again = Eco.Render(new GitLabFormatter(Paths), Eco.Lint("# moved\nx = bad\ny = bad\n"));
        Assert.Equal(
            issues.Select(i => i.GetProperty("fingerprint").GetString()).Order(),
            JsonDocument.Parse(again).RootElement.EnumerateArray().Select(i => i.GetProperty("fingerprint").GetString()).Order());
    }

    [Fact]
    public void GitLab_fingerprints_do_not_follow_the_clock()
    {
        // MTA109 quotes the time the banner shows: one second later the message differs, the finding does not.
        var file = new MtaLint.Text.SourceFile("/srv/exim/exim4.conf", "primary_hostname = mx.example.com\nsmtp_banner = $smtp_active_hostname ESMTP $tod_full\n");
        string Render(int second) => Eco.Render(new GitLabFormatter(Paths), new MtaLint.Engine.Linter(MtaLint.Engine.RuleSet.Default, new MtaLint.Model.AnalysisOptions("mx.example.com") { Now = new DateTimeOffset(2026, 1, 1, 10, 0, second, TimeSpan.Zero) })
            .Lint(new MtaLint.Dialects.EximDialect(), [file]));
        string[] Fingerprints(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().Select(i => i.GetProperty("fingerprint").GetString()!).ToArray();
        var first = Render(0);
        var next = Render(1);
        Assert.Contains("10:00:00", first);
        Assert.Contains("10:00:01", next);
        Assert.Equal(Fingerprints(first), Fingerprints(next));
    }

    [Fact]
    public void GitLab_fingerprints_of_file_level_findings_keep_apart_what_the_message_says_and_ignore_what_it_quotes()
    {
        var file = new MtaLint.Text.SourceFile("/srv/mail/sendmail.mc", "dnl no greeting: Sendmail's default shows the time\n");
        MtaLint.Rules.Diagnostic About(string message) => new("MTA109", "banner-timestamp", MtaLint.Rules.Severity.Info, MtaLint.Rules.Finding.InFile(file, message));
        string[] Fingerprints(params MtaLint.Rules.Diagnostic[] diagnostics)
        {
            var json = Eco.Render(new GitLabFormatter(Paths), new MtaLint.Engine.LintResult([file], null, diagnostics));
            return JsonDocument.Parse(json).RootElement.EnumerateArray().Select(i => i.GetProperty("fingerprint").GetString()!).ToArray();
        }

        var now = Fingerprints(About("on port 25 the banner shows the date and time (\"Wed, 2 Dec 2026 19:33:33 +0000\")"));
        var later = Fingerprints(About("on port 25 the banner shows the date and time (\"Wed, 2 Dec 2026 19:33:34 +0000\")"));
        Assert.Equal(now, later);
        var other = Fingerprints(About("on port 587 the banner shows the date and time (\"Wed, 2 Dec 2026 19:33:33 +0000\")"));
        Assert.NotEqual(now, other);
    }

    /// <summary>
    /// A finding's second location (the YAML line of a role default) reaches every format: the formats with no
    /// field GitHub or GitLab reads for it say it in the message, JUnit in the failure text.
    /// </summary>
    [Fact]
    public void A_related_location_shows_in_github_gitlab_and_junit()
    {
        var template = new MtaLint.Text.SourceFile("/srv/role/templates/main.cf.j2", "smtpd_banner = {{ postfix_banner }}\n");
        var defaults = new MtaLint.Text.SourceFile("/srv/role/defaults/main.yml", "---\npostfix_banner: \"$myhostname ESMTP (Ubuntu)\"\n");
        var finding = MtaLint.Rules.Finding.At(template.Span(15, 20), "the banner names the operating system (\"Ubuntu\")")
            with { Related = [new MtaLint.Rules.RelatedLocation(defaults.Span(20, 28), "`postfix_banner` has its default here")] };
        var result = new LintResult([template], null, [new MtaLint.Rules.Diagnostic("MTA102", "banner-os", MtaLint.Rules.Severity.Warning, finding)]);

        var github = Eco.Render(new GitHubFormatter(Paths), result).TrimEnd('\n');
        Assert.Equal("::warning file=role/templates/main.cf.j2,line=1,col=16,endColumn=35,title=MTA102 banner-os::the banner names the operating system (\"Ubuntu\")"
            + "%0Arole/defaults/main.yml:2:17: `postfix_banner` has its default here", github);

        using var gitlab = JsonDocument.Parse(Eco.Render(new GitLabFormatter(Paths), result));
        var issue = Assert.Single(gitlab.RootElement.EnumerateArray());
        Assert.Equal("MTA102 the banner names the operating system (\"Ubuntu\") (see role/defaults/main.yml:2:17: `postfix_banner` has its default here)",
            issue.GetProperty("description").GetString());
        Assert.Equal("role/templates/main.cf.j2", issue.GetProperty("location").GetProperty("path").GetString());

        var junit = XDocument.Parse(Eco.Render(new JUnitFormatter(Paths), result));
        var failure = junit.Descendants("failure").Single();
        Assert.Equal("role/templates/main.cf.j2:1:16: warning[MTA102] the banner names the operating system (\"Ubuntu\")"
            + "\n  = role/defaults/main.yml:2:17: `postfix_banner` has its default here", failure.Value);
    }

    [Fact]
    public void Json_output_is_valid_against_the_report_schema()
    {
        using var dir = new TempDir();
        dir.Write("main.fake", Text);
        dir.Write("broken.fake", "not an assignment\n");
        var result = CliRunner.Run(dir.Path, "--format", "json");
        Assert.Equal(2, result.ExitCode);
        SchemaValidation.AssertValidReport(result.Stdout);
        Assert.Contains("\"MTA000\"", result.Stdout);
    }

    [Fact]
    public void Report_schema_validation_catches_drift()
    {
        using var dir = new TempDir();
        dir.Write("main.fake", Text);
        var json = CliRunner.Run(dir.Path, "--format", "json").Stdout;
        Assert.NotEmpty(SchemaValidation.ValidateReport(json.Replace("\"severity\": \"warning\"", "\"severity\": \"loud\"")));
        Assert.NotEmpty(SchemaValidation.ValidateReport(json.Replace("\"fixable\": true", "\"fixable\": true, \"extra\": 1")));
    }

    [Theory]
    [InlineData("sarif")]
    [InlineData("github")]
    [InlineData("junit")]
    [InlineData("gitlab")]
    public void Every_format_is_selectable_on_the_command_line(string format)
    {
        using var dir = new TempDir();
        dir.Write("main.fake", Text);
        var result = CliRunner.Run(dir.Path, "--format", format);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("banner says bad", result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
    }
}
