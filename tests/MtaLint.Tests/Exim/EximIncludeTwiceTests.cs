using MtaLint.Engine;
using MtaLint.Tests.Cli;
using MtaLint.Text;

namespace MtaLint.Tests.Exim;

/// <summary>
/// A file that Exim includes twice is read twice. The real Exim decides what that means: an
/// option, a named list, a driver or a macro set a second time stops it ("option set for the
/// second time"...), while ACL lines and the driver options that add up (<c>headers_add</c>, a
/// router's <c>condition</c>) may come twice. mtalint reports the first kind at the second
/// <c>.include</c>, the line to remove, and never as a duplicate of the file's own line.
/// </summary>
public sealed class EximIncludeTwiceTests
{
    /// <summary>A main option, a named list, a macro: the file's text, and what Exim stops with.</summary>
    public static TheoryData<string, string> Refused() => new()
    {
        { "primary_hostname = mx.example.com\n", "\"primary_hostname\" option set for the second time" },
        { "domainlist local_domains = example.com\n", "duplicate name \"local_domains\" for a named domain list" },
        { "SITE = example.com\n", "macro \"SITE\" is already defined" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_file_that_sets_something_and_is_included_twice_is_refused_at_its_second_include(string included, string eximSays)
    {
        using var dir = new TempDir();
        var inc = dir.Write("inc.conf", included);
        var root = dir.Write("exim.conf", $"qualify_domain = example.com\n.include {inc}\n.include {inc}\n");

        var exim = EximTestHost.RunExim("-C", root, "-bV");
        var ours = EximTestHost.Analyze(root);

        Assert.NotEqual(0, exim.ExitCode);
        Assert.Contains(eximSays, exim.Stdout + exim.Stderr, StringComparison.Ordinal);
        var error = Assert.Single(ours.Errors);
        Assert.Equal(root, error.Location.File.Path);
        Assert.Equal(new LinePosition(3, 1), error.Location.Start);
        Assert.Equal($"{inc} is included again (first on line 2): Exim reads {inc}:1 a second time and stops with {eximSays}; include the file once", error.Message);
    }

    [Fact]
    public void A_router_included_twice_in_its_section_is_refused()
    {
        using var dir = new TempDir();
        var inc = dir.Write("router.conf", "blackhole:\n  driver = redirect\n  data = :blackhole:\n");
        var root = dir.Write("exim.conf", $"qualify_domain = example.com\nbegin routers\n.include {inc}\n.include {inc}\n");

        var exim = EximTestHost.RunExim("-C", root, "-bV");
        var error = Assert.Single(EximTestHost.Analyze(root).Errors);

        Assert.Contains("there are two routers called \"blackhole\"", exim.Stdout + exim.Stderr, StringComparison.Ordinal);
        Assert.Equal(new LinePosition(4, 1), error.Location.Start);
        Assert.Contains("stops with there are two routers called \"blackhole\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_include_reported_is_the_outermost_one_that_reads_a_file_again()
    {
        // outer.conf is included twice; it includes inc.conf once: removing the second .include of outer.conf is the fix.
        using var dir = new TempDir();
        var inc = dir.Write("inc.conf", "qualify_domain = example.com\n");
        var outer = dir.Write("outer.conf", $".include {inc}\n");
        var root = dir.Write("exim.conf", $".include {outer}\n\n.include {outer}\n");

        var exim = EximTestHost.RunExim("-C", root, "-bV");
        var error = Assert.Single(EximTestHost.Analyze(root).Errors);

        Assert.Contains("option set for the second time", exim.Stdout + exim.Stderr, StringComparison.Ordinal);
        Assert.Equal(root, error.Location.File.Path);
        Assert.Equal(new LinePosition(3, 1), error.Location.Start);
        Assert.StartsWith($"{outer} is included again (first on line 1): Exim reads {inc}:1 a second time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acl_lines_and_options_that_add_up_may_be_included_twice_as_exim_accepts()
    {
        using var dir = new TempDir();
        var acl = dir.Write("acl.conf", "  deny hosts = 192.0.2.1\n");
        var headers = dir.Write("headers.conf", "  headers_add = X-Checked: yes\n  condition = ${if def:h_from:}\n");
        var root = dir.Write("exim.conf",
            $"acl_smtp_rcpt = check_rcpt\nbegin acl\ncheck_rcpt:\n.include {acl}\n.include {acl}\n  accept\n"
            + $"begin routers\nblackhole:\n  driver = redirect\n  data = :blackhole:\n.include {headers}\n.include {headers}\n");

        var exim = EximTestHost.RunExim("-C", root, "-bV");
        var ours = EximTestHost.Analyze(root);
        var findings = new Linter(RuleSet.Default, EximTestHost.Options).Lint(EximTestHost.Dialect, EximTestHost.Read([root])).Diagnostics;

        Assert.True(exim.ExitCode == 0, exim.Stdout + exim.Stderr);
        Assert.Empty(ours.Errors);
        Assert.DoesNotContain(findings, d => d.RuleId is "MTA305" or Linter.SyntaxErrorId);
    }

    [Fact]
    public void Headers_added_twice_in_one_router_are_not_duplicates()
    {
        const string Text = "begin routers\nblackhole:\n  driver = redirect\n  data = :blackhole:\n  headers_add = X-A: 1\n  headers_add = X-B: 2\n  domains = a\n  domains = b\n";
        var config = EximTestHost.Config(Text);

        var duplicates = new Linter(RuleSet.Default, EximTestHost.Options).Lint(EximTestHost.Dialect, [new SourceFile("/tmp/mtalint-test/exim.conf", Text)])
            .Diagnostics.Where(d => d.RuleId == "MTA305").ToArray();

        Assert.Contains(config.Assignments, a => a.Name == "headers_add" && a.Accumulates);
        var duplicate = Assert.Single(duplicates);
        Assert.StartsWith("domains is set again", duplicate.Message, StringComparison.Ordinal);
    }
}
