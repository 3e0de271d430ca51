using System.Diagnostics;
using System.Text.RegularExpressions;
using MtaLint.Dialects;
using MtaLint.Syntax.Templates;
using MtaLint.Tests.Exim;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>
/// How an Exim template's tag-only line reads, checked with the real engines and the real exim. Exim skips a comment
/// line also inside a backslash-continued line, but a blank line ends one (checked below): so a tag-only line the engine
/// drops with its line break (Ansible's trim_blocks, Puppet's <c>-%&gt;</c>) reads as a comment line, and one whose
/// line break the engine keeps (Salt's Jinja, ERB's <c>%&gt;</c>) as the blank line it renders. Either way exim reads
/// the view as it reads the rendering where every block renders its body.
/// </summary>
public sealed partial class EximTemplateViewOracleTests
{
    private const string Continued = "primary_hostname = a.example\nsmtp_banner = one \\\n{% if x %}\n  two \\\n{% endif %}\n  three\n";

    private const string CommentInContinuation = "primary_hostname = a.example\nsmtp_banner = one \\\n{# a note\n   over two lines #}\n  two\n";

    private const string BetweenDirectives = "primary_hostname = a.example\n.ifdef NOT_DEFINED\n{% if x %}\nsmtp_banner = a\n{% endif %}\n.else\n{% if x %}\nsmtp_banner = b \\\n{% endif %}\n  c\n.endif\n.include_if_exists /nonexistent/mtalint\n{% for i in [1] %}\nqualify_domain = q.example\n{% endfor %}\n";

    [Theory]
    [InlineData("exim4.conf.j2", Continued)] // Ansible: trim_blocks drops the line
    [InlineData("exim4.conf.j2", CommentInContinuation)]
    [InlineData("exim4.conf.j2", BetweenDirectives)]
    [InlineData("salt/exim4.conf.jinja", Continued)] // Salt: the line renders blank, and exim ends the continued line there
    [InlineData("salt/exim4.conf.jinja", CommentInContinuation)]
    [InlineData("salt/exim4.conf.jinja", BetweenDirectives)]
    public void Exim_reads_the_view_as_it_reads_the_rendering(string path, string template)
    {
        var file = new SourceFile(path, template);
        var view = EximDialect.ViewOf(file, TemplateView.Unknown)!;
        Assert.DoesNotContain(TemplateView.Filler, view.Text);
        var options = (JinjaOptions)TemplateDetector.Recognize(path, template)!;
        var rendering = RenderJinja(template, options.TrimBlocks);

        Assert.Equal(Exim(rendering), Exim(view.Text));
    }

    [Fact]
    public void Puppet_ERB_keeps_the_line_break_of_a_tag_without_a_dash_and_the_view_reads_it_as_the_blank_line_it_renders()
    {
        const string template = "primary_hostname = a.example\nsmtp_banner = one \\\n<% if @x -%>\n  two \\\n<% end %>\n  three\n";
        var view = EximDialect.ViewOf(new SourceFile("templates/exim.conf.erb", template), TemplateView.Unknown)!;
        var rendering = Run("/usr/bin/ruby", ["-rerb", "-e", "@x = true; print ERB.new(STDIN.read, trim_mode: '-').result(binding)"], template);

        Assert.Equal("primary_hostname = a.example\nsmtp_banner = one \\\n  two \\\n\n  three\n", rendering);
        Assert.Equal(Exim(rendering), Exim(view.Text));
        Assert.Contains("main option \"three\" unknown", Exim(view.Text), StringComparison.Ordinal); // the blank line ends the banner
    }

    [Fact]
    public void Exim_skips_a_comment_line_inside_a_continued_line_and_ends_it_at_a_blank_one()
    {
        Assert.Equal("0 smtp_banner = one two", Exim("primary_hostname = a.example\nsmtp_banner = one \\\n# note\n  two\n"));
        Assert.Equal("0 smtp_banner = one two", Exim("primary_hostname = a.example\nsmtp_banner = one \\\n   # note \\\n  two\n"));
        Assert.Contains("main option \"two\" unknown", Exim("primary_hostname = a.example\nsmtp_banner = one \\\n   \n  two\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Postfix_keeps_reading_every_tag_only_line_as_a_comment_line()
    {
        // Postfix skips blank and comment lines alike inside a continued value: the shared view's default is unchanged.
        var document = TemplateDocument.Parse(new SourceFile("main.cf.jinja", Continued), JinjaOptions.Salt);
        Assert.Equal("#", TemplateView.Build(document, TemplateView.Unknown).Text.Split('\n')[2].Trim());
        Assert.Equal("", TemplateView.Build(document, TemplateView.Unknown, TemplateView.ControlLines.AsRendered).Text.Split('\n')[2].Trim());
        Assert.Equal("#", TemplateView.Build(TemplateDocument.Parse(new SourceFile("main.cf.j2", Continued), JinjaOptions.Ansible), TemplateView.Unknown, TemplateView.ControlLines.AsRendered).Text.Split('\n')[2].Trim());
    }

    /// <summary>What exim says of a config: its exit code and <c>-bP smtp_banner qualify_domain</c>, or its error without line numbers (the view keeps lines the rendering drops).</summary>
    private static string Exim(string config)
    {
        using var dir = new Cli.TempDir();
        var path = dir.Write("exim4.conf", config);
        var run = EximTestHost.RunExim("-C", path, "-bP", "smtp_banner", "qualify_domain");
        var said = LineNumber().Replace(run.Stderr.Replace(path, "CONFIG", StringComparison.Ordinal), "line N");
        return $"{run.ExitCode} {run.Stdout.Trim()}{said.Trim()}".Replace("\nqualify_domain = a.example", "", StringComparison.Ordinal);
    }

    private static string RenderJinja(string template, bool trimBlocks) =>
        Run("/usr/bin/python3", ["-c", $"import sys, jinja2; sys.stdout.write(jinja2.Environment(trim_blocks={(trimBlocks ? "True" : "False")}, keep_trailing_newline=True).from_string(sys.stdin.read()).render(x=True))"], template);

    private static string Run(string exe, string[] args, string stdin)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{exe}: {error}");
        return output.Result;
    }

    [GeneratedRegex(@"line [0-9]+|^[0-9-]+ [0-9:]+ ", RegexOptions.Multiline)]
    private static partial Regex LineNumber();
}
