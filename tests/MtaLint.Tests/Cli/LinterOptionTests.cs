using System.Text.Json;
using MtaLint.Tests.Ecosystem;

namespace MtaLint.Tests.Cli;

/// <summary>
/// The options a user of ruff expects: rule selection, an output file, suggestions for unknown
/// options, <c>--format</c> honoured by every mode, fixes in JSON, file counts in the summary.
/// </summary>
public sealed class LinterOptionTests
{
    /// <summary>One finding of each fake rule: MTA901 (bad, safe fix), MTA901 (risky, unsafe fix), MTA902 (note, info).</summary>
    private const string Config = "tls = on\nbanner = bad\nx = risky\ny = note\n";

    private static string[] Rules(CliRunner.Result r)
    {
        using var json = JsonDocument.Parse(r.Stdout);
        return json.RootElement.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("rule").GetString()!).Distinct().Order().ToArray();
    }

    [Theory]
    [InlineData(new[] { "--select", "MTA902" }, new[] { "MTA902" })]
    [InlineData(new[] { "--select", "mta901,MTA902" }, new[] { "MTA901", "MTA902" })]
    [InlineData(new[] { "--select", "MTA901", "--select", "MTA902" }, new[] { "MTA901", "MTA902" })]
    [InlineData(new[] { "--ignore", "MTA901" }, new[] { "MTA902" })]
    [InlineData(new[] { "--ignore", "MTA9" }, new string[0])]
    [InlineData(new[] { "--ignore", "MTA9", "--extend-select", "MTA902" }, new[] { "MTA902" })]
    [InlineData(new[] { "--select", "ALL", "--ignore", "MTA1,MTA2,MTA3,MTA4,MTA902" }, new[] { "MTA901" })]
    [InlineData(new[] { "--select", "" }, new string[0])]
    public void Select_ignore_and_extend_select_choose_the_rules(string[] options, string[] expected)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run([.. options, "--format", "json", dir.Write("a.fake", Config)]);
        Assert.Equal(expected, Rules(r));
    }

    [Fact]
    public void The_command_line_selection_goes_over_the_policy_as_ruff_does()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", Config);
        dir.Write(".mtalint.yaml", "disable: [MTA901]\n");
        Assert.Equal(["MTA902"], Rules(CliRunner.Run("--format", "json", file)));
        Assert.Equal(["MTA901", "MTA902"], Rules(CliRunner.Run("--format", "json", "--extend-select", "MTA901", file)));
        Assert.Equal(["MTA901"], Rules(CliRunner.Run("--format", "json", "--select", "MTA901", file)));
        Assert.Equal(["MTA901", "MTA902"], Rules(CliRunner.Run("--format", "json", "--select", "MTA9", file))); // select starts afresh
        Assert.Empty(Rules(CliRunner.Run("--format", "json", "--ignore", "MTA902", file)));
    }

    [Fact]
    public void Suppression_checks_run_only_when_selected()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", "tls = on\n# mtalint: disable=MTA902\nx = 1\n");
        Assert.Equal(["MTA001"], Rules(CliRunner.Run("--format", "json", file)));
        Assert.Empty(Rules(CliRunner.Run("--format", "json", "--select", "MTA9", file)));
        Assert.Equal(["MTA001"], Rules(CliRunner.Run("--format", "json", "--select", "unused-suppression,MTA902", file)));
        Assert.Empty(Rules(CliRunner.Run("--format", "json", "--select", "unused-suppression", file))); // MTA902 does not run, so its suppression may be meant for a run where it does
    }

    [Theory]
    [InlineData("--select", "MTA9O1", "mtalint: --select: 'MTA9O1' is not a rule mtalint knows; did you mean MTA901?")]
    [InlineData("--ignore", "bannr-os", "mtalint: --ignore: 'bannr-os' is not a rule mtalint knows; did you mean MTA102 (banner-os)?")]
    [InlineData("--extend-select", "MTA7", "mtalint: --extend-select: 'MTA7' is not a rule mtalint knows: name rules by id (MTA102), name (banner-os) or id prefix (MTA1); 'mtalint rules' lists them")]
    public void A_selector_that_names_no_rule_is_a_usage_error(string option, string value, string message)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run(option, value, dir.Write("a.fake", Config));
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(message + "\n", r.Stderr);
        Assert.Equal(string.Empty, r.Stdout);
    }

    [Fact]
    public void Output_file_gets_what_stdout_would_and_stdout_stays_empty()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", Config);
        foreach (var mode in new[] { new[] { "--format", "json" }, ["--diff"], ["--statistics"], [] })
        {
            var toStdout = CliRunner.Run([.. mode, file]);
            var toFile = CliRunner.Run([.. mode, "--output-file", dir.File("out/report"), file]);
            Assert.Equal(2, toFile.ExitCode); // out/ does not exist
            Assert.Equal($"mtalint: --output-file {dir.File("out/report")}: cannot create it: its folder does not exist\n", toFile.Stderr);

            var written = CliRunner.Run([.. mode, "-o", dir.File("report"), file]);
            Assert.Equal(toStdout.ExitCode, written.ExitCode);
            Assert.Equal(string.Empty, written.Stdout);
            Assert.Equal(toStdout.Stdout, dir.Read("report"));
            Assert.Equal(toStdout.Stderr, written.Stderr);
        }

        Assert.Equal(["a.fake", "report"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order()); // no temporary file left
    }

    [Theory]
    [InlineData("x = crash\n", new string[0], "mtalint: internal error: InvalidOperationException: boom")]
    [InlineData("tls = on\n", new[] { "--select", "MTA9O1" }, "mtalint: --select: 'MTA9O1' is not a rule mtalint knows")]
    public void A_run_that_fails_leaves_the_output_file_as_it_was(string text, string[] options, string message)
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", text);
        dir.Write("report.json", "the last good report\n");
        var r = CliRunner.Run([.. options, "--format", "json", "-o", dir.File("report.json"), file]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith(message, r.Stderr);
        Assert.Equal("the last good report\n", dir.Read("report.json"));
        Assert.Equal(["a.fake", "report.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Output_file_replaces_a_symlink_instead_of_writing_through_it()
    {
        using var dir = new TempDir();
        var target = dir.Write("elsewhere.txt", "not yours\n");
        File.CreateSymbolicLink(dir.File("report.txt"), target);
        CliRunner.Run("-o", dir.File("report.txt"), dir.Write("a.fake", "tls = on\n"));
        Assert.Equal("not yours\n", dir.Read("elsewhere.txt"));
        Assert.Equal("All checks passed: 1 file checked\n", dir.Read("report.txt"));
        Assert.Null(new FileInfo(dir.File("report.txt")).LinkTarget);
    }

    [Fact]
    public void Selectors_complete_in_the_shell_by_id_and_name()
    {
        var r = CliRunner.Run("[suggest:25]", "mtalint --select banner-v");
        Assert.Contains("banner-version\n", r.Stdout);
        var ids = CliRunner.Run("[suggest:22]", "mtalint --ignore MTA10");
        Assert.Contains("MTA101\n", ids.Stdout);
    }

    [Theory]
    [InlineData("--no-color", "did you mean '--color never'?")]
    [InlineData("--nocolour", "did you mean '--color never'?")]
    [InlineData("--fxi", "did you mean '--fix'?")]
    [InlineData("--formt", "did you mean '--format'?")]
    [InlineData("--output-format=json", "did you mean '--format'?")]
    [InlineData("--exit-zero", "did you mean '--fail-on never'?")]
    [InlineData("--stdin-file-name", "did you mean '--stdin-filename'?")]
    [InlineData("--selct", "did you mean '--select'?")]
    public void An_unknown_option_suggests_the_nearest(string option, string suggestion)
    {
        var r = CliRunner.Run(option, "a.fake");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"mtalint: unknown option '{option}'; {suggestion}\nRun 'mtalint --help' for usage.\n", r.Stderr);
    }

    [Fact]
    public void An_option_like_nothing_known_says_so_without_a_guess()
    {
        var r = CliRunner.Run("--xyzzy-plugh", "a.fake");
        Assert.Equal("mtalint: unknown option '--xyzzy-plugh' (a file whose name starts with '-' goes after '--')\nRun 'mtalint --help' for usage.\n", r.Stderr);
    }

    [Theory]
    [InlineData(new[] { "--diff", "--format", "sarif" }, "mtalint: --diff prints a unified diff, as text or inside --format json; --format sarif has no place for one")]
    [InlineData(new[] { "--diff", "--format", "github" }, "mtalint: --diff prints a unified diff, as text or inside --format json; --format github has no place for one")]
    [InlineData(new[] { "--statistics", "--format", "junit" }, "mtalint: --statistics is written as text or JSON, not as --format junit")]
    [InlineData(new[] { "--statistics", "--diff" }, "mtalint: --statistics counts findings and --diff shows the changes; use one of them")]
    public void A_format_a_mode_cannot_be_written_in_is_refused(string[] options, string message)
    {
        using var dir = new TempDir();
        var r = CliRunner.Run([.. options, dir.Write("a.fake", Config)]);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(message + "\n", r.Stderr);
        Assert.Equal(string.Empty, r.Stdout);
    }

    [Fact]
    public void Diff_as_json_holds_each_change_and_what_remains()
    {
        using var dir = new TempDir();
        var file = dir.Write("a.fake", Config);
        var r = CliRunner.Run("--diff", "--format", "json", file);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal(string.Empty, r.Stderr);
        SchemaValidation.AssertValidReport(r.Stdout);
        using var json = JsonDocument.Parse(r.Stdout);
        var change = Assert.Single(json.RootElement.GetProperty("changes").EnumerateArray());
        Assert.Equal(file, change.GetProperty("file").GetString());
        Assert.Equal(CliRunner.Run("--diff", file).Stdout, change.GetProperty("diff").GetString());
        Assert.Equal(1, change.GetProperty("fixes").GetInt32());
        Assert.Equal(["MTA901", "MTA902"], Rules(r)); // risky (unsafe) and the note remain
        Assert.Equal(1, json.RootElement.GetProperty("summary").GetProperty("wouldFix").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("summary").GetProperty("filesWouldChange").GetInt32());
        Assert.Equal("tls = on\nbanner = bad\nx = risky\ny = note\n", dir.Read("a.fake"));

        var clean = CliRunner.Run("--diff", "--format", "json", dir.Write("b.fake", "tls = on\n"));
        Assert.Equal(0, clean.ExitCode);
        Assert.Contains("\"changes\": []", clean.Stdout);
    }

    [Fact]
    public void Statistics_as_json_counts_per_rule()
    {
        using var dir = new TempDir();
        dir.Write("a.fake", Config);
        dir.Write("b.fake", "banner = bad\n");
        var r = CliRunner.Run("--statistics", "--format", "json", dir.Path);
        Assert.Equal(1, r.ExitCode);
        SchemaValidation.AssertValidReport(r.Stdout);
        using var json = JsonDocument.Parse(r.Stdout);
        var rows = json.RootElement.GetProperty("statistics").EnumerateArray()
            .Select(s => $"{s.GetProperty("rule").GetString()} {s.GetProperty("name").GetString()} {s.GetProperty("severity").GetString()} {s.GetProperty("count")} {s.GetProperty("fixable")}").ToArray();
        Assert.Equal(["MTA901 MTA901 warning 4 4", "MTA902 MTA902 info 1 0"], rows);
        Assert.Equal(2, json.RootElement.GetProperty("summary").GetProperty("files").GetInt32());
        Assert.False(json.RootElement.TryGetProperty("diagnostics", out _));
    }

    [Fact]
    public void Json_findings_carry_their_fix_and_applying_its_edits_is_what_fix_writes()
    {
        using var dir = new TempDir();
        var text = "banner = bad\n\tx = risky \t bad\n";
        var file = dir.Write("a.fake", text);
        var r = CliRunner.Run("--format", "json", file);
        SchemaValidation.AssertValidReport(r.Stdout);
        using var json = JsonDocument.Parse(r.Stdout);
        var fixes = json.RootElement.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("fix")).ToArray();
        Assert.All(fixes, f => Assert.Equal(JsonValueKind.Object, f.ValueKind));
        Assert.Equal(["safe", "safe", "safe", "unsafe"], fixes.Select(f => f.GetProperty("applicability").GetString()).Order());
        Assert.Contains(fixes, f => f.GetProperty("message").GetString() == "replace \"risky\" with \"careful\"");

        // An editor applies the safe edits from the last to the first, positions being those of the file as read.
        var lines = text.Split('\n');
        int Offset(JsonElement e, string line, string column) =>
            lines.Take(e.GetProperty(line).GetInt32() - 1).Sum(l => l.Length + 1) + e.GetProperty(column).GetInt32() - 1;
        var edits = fixes.Where(f => f.GetProperty("applicability").GetString() == "safe")
            .SelectMany(f => f.GetProperty("edits").EnumerateArray())
            .Select(e => (Start: Offset(e, "line", "column"), End: Offset(e, "endLine", "endColumn"), Content: e.GetProperty("content").GetString()!, File: e.GetProperty("file").GetString()))
            .OrderByDescending(e => e.Start);
        var applied = text;
        foreach (var edit in edits)
        {
            Assert.Equal(file, edit.File);
            applied = applied[..edit.Start] + edit.Content + applied[edit.End..];
        }

        CliRunner.Run("--fix", file);
        Assert.Equal(dir.Read("a.fake"), applied);
        Assert.Equal("banner = good\n\tx = risky \t good\ntls = on\n", applied);

        var noFix = CliRunner.Run("--format", "json", dir.Write("b.fake", "tls = on\ny = note\n"));
        Assert.Contains("\"fixable\": false,\n      \"fix\": null", noFix.Stdout);
    }

    [Fact]
    public void The_summary_counts_files_checked_and_files_with_findings()
    {
        using var dir = new TempDir();
        dir.Write("a.fake", "tls = on\nbanner = bad\n");
        dir.Write("b.fake", "tls = on\n");
        dir.Write("c.fake", "tls = on\n");
        var r = CliRunner.Run(dir.Path);
        Assert.EndsWith("\n3 files checked, 1 with findings: 1 warning (1 fixable with --fix)\n", r.Stdout);
        Assert.Equal("All checks passed: 2 files checked\n", CliRunner.Run(dir.File("b.fake"), dir.File("c.fake")).Stdout);
    }

    [Fact]
    public void A_named_file_the_policy_excludes_is_said_to_be_excluded()
    {
        using var dir = new TempDir();
        dir.Write(".mtalint.yaml", "exclude: [\"legacy/**\"]\n");
        var legacy = dir.Write("legacy/a.fake", "banner = bad\n");
        dir.Write("b.fake", "tls = on\n");
        var named = CliRunner.Run(legacy);
        Assert.Equal(0, named.ExitCode);
        Assert.Equal("No files checked: 1 file excluded by .mtalint.yaml\n", named.Stdout);
        Assert.Equal($"mtalint: note: {legacy}: excluded by {dir.File(".mtalint.yaml")} (exclude: \"legacy/**\"), not checked\n", named.Stderr);

        var walked = CliRunner.Run(dir.Path);
        Assert.Equal("All checks passed: 1 file checked (1 excluded by .mtalint.yaml)\n", walked.Stdout);
        Assert.Equal(string.Empty, walked.Stderr); // a walk leaves excluded files out quietly, as ruff does

        var json = CliRunner.Run("--format", "json", legacy);
        Assert.Contains("\"filesExcluded\": 1", json.Stdout);
        SchemaValidation.AssertValidReport(json.Stdout);
    }
}
