using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Cli;

/// <summary>The exact text, JSON and show output on the fake dialect (the testdata cases are in <see cref="TestdataSnapshotTests"/>).</summary>
public sealed class OutputSnapshotTests
{
    private const string Config = "# a comment\nbanner = $myhostname ESMTP bad\n\tx = risky \t bad\ny = note\n";

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void Lint_output(string format)
    {
        using var dir = new TempDir();
        dir.Write("conf/a.fake", Config);
        dir.Write("conf/b.fake", "tls = on\n");
        dir.Write("conf/c.fake", "tls = on\nwhat\n");
        var r = CliRunner.Run("--format", format, "--hostname", "mx.example.com", dir.File("conf"), dir.File("missing.fake"));
        Snapshot.Verify(r.Normalized(dir.Path), format);
    }

    [Theory]
    [InlineData("two", "tls = on\nw = wide\nlast = 1\n")]
    [InlineData("many", "tls = on\nw = wide\na = 1\nb = 2\nc = 3\nd = 4\ne = 5")]
    [InlineData("wide-gutter", "tls = on\n\n\n\n\n\n\n\nw = wide\nx = 10\n")]
    public void Multi_line_spans(string name, string text)
    {
        using var dir = new TempDir();
        dir.Write("a.fake", text);
        var r = CliRunner.Run(dir.File("a.fake"));
        Snapshot.Verify(r.Normalized(dir.Path), name);
    }

    [Fact]
    public void Lint_output_in_colour()
    {
        using var dir = new TempDir();
        dir.Write("a.fake", "banner = bad\n");
        var r = CliRunner.Run(CliRunner.FakeHost(terminal: true), dir.File("a.fake"));
        Snapshot.Verify(r.Normalized(dir.Path).Replace("\u001b", "<ESC>"));
    }

    [Fact]
    public void Fix_output()
    {
        using var dir = new TempDir();
        dir.Write("a.fake", Config);
        var r = CliRunner.Run("--fix", dir.File("a.fake"));
        Snapshot.Verify(r.Normalized(dir.Path) + "--- a.fake after\n" + dir.Read("a.fake"));
    }

    [Fact]
    public void Diff_output()
    {
        using var dir = new TempDir();
        dir.Write("a.fake", Config);
        var r = CliRunner.Run("--diff", "--unsafe-fixes", dir.File("a.fake"));
        Snapshot.Verify(r.Normalized(dir.Path.TrimStart('/'), "<dir>"));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void Show_output(string format)
    {
        using var dir = new TempDir();
        dir.Write("a.fake", "banner = $myhostname ESMTP\ntls = on\n");
        var r = CliRunner.Run("show", "--format", format, "--hostname", "mx.example.com", dir.File("a.fake"));
        Snapshot.Verify(r.Normalized(dir.Path), format);
    }

    [Fact]
    public void Show_of_unparsable_input_points_at_the_error_and_exits_2()
    {
        using var dir = new TempDir();
        dir.Write("a.fake", "tls = on\n  ???\n");
        var r = CliRunner.Run("show", dir.File("a.fake"));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"{dir.File("a.fake")}:2:3: error[MTA000] expected 'name = value'\n", r.Stderr);
    }
}
