namespace MtaLint.Tests.Cli;

/// <summary>
/// A finding on a very long line shows the part of the line around it, not all of it: each of
/// thousands of findings on a megabyte line printed the megabyte.
/// </summary>
public sealed class LongLineOutputTests
{
    [Fact]
    public void A_finding_on_a_long_line_shows_its_span_with_a_margin_and_the_caret_under_it()
    {
        using var dir = new TempDir();
        var head = "mydestination = " + string.Concat(Enumerable.Repeat("$myhostname ", 300));
        dir.Write("main.cf", $"myhostname = mx.example.com\n{head}$mydomian {string.Concat(Enumerable.Repeat("localhost ", 300))}\n");

        var r = CliRunner.RunReal("--hostname", "mx.example.com", dir.File("main.cf"));

        var lines = r.Stdout.Split('\n');
        var at = Array.FindIndex(lines, l => l.Contains("[MTA306]", StringComparison.Ordinal));
        Assert.True(at >= 0, r.All);
        var source = lines[at + 2];
        var carets = lines[at + 3];
        Assert.StartsWith(" 2 | …", source);
        Assert.EndsWith("…", source);
        Assert.True(source.Length < 300, source);
        Assert.Equal(source.IndexOf("mydomian", StringComparison.Ordinal), carets.IndexOf('^'));
        Assert.Equal("^^^^^^^^", carets.Trim().TrimStart('|').Trim());
    }

    [Fact]
    public void A_line_of_ordinary_length_is_shown_whole()
    {
        using var dir = new TempDir();
        var line = "mydestination = " + string.Concat(Enumerable.Repeat("$myhostname ", 60)) + "$mydomian";
        dir.Write("main.cf", $"myhostname = mx.example.com\n{line}\n");

        var r = CliRunner.RunReal("--hostname", "mx.example.com", dir.File("main.cf"));

        Assert.Contains($" 2 | {line}\n", r.Stdout);
    }
}
