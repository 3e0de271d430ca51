using MtaLint.Syntax.Templates;
using MtaLint.Tests.Postfix;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>
/// The masked view reads control lines as comment lines. That is sound only because Postfix skips a comment
/// (or blank) line also inside a continued value, as the rendering leaves the line out: the real postconf,
/// given the view and the rendering (the line left out, as Ansible's trim_blocks does), reports the same values.
/// </summary>
public sealed class TemplateViewOracleTests
{
    [Theory]
    [InlineData("mynetworks = 127.0.0.1,\n{% if lan %}\n    10.0.0.0/8,\n{% endif %}\n    192.168.0.0/16\nrelayhost = a\n")]
    [InlineData("smtpd_banner = $myhostname\n{# a comment\n   over two lines #}\n  ESMTP\n")]
    [InlineData("smtpd_recipient_restrictions =\n  permit_mynetworks,\n  {% for r in extra %}\n  reject_unauth_destination\n  {% endfor %}\n")]
    public void Postconf_reads_the_view_as_it_reads_the_rendering(string template)
    {
        var document = TemplateDocument.Parse(new SourceFile("main.cf.j2", template), JinjaOptions.Ansible);
        var view = TemplateView.Build(document, TemplateView.Unknown);
        // The rendering where every block renders its body once: each tag line left out (trim_blocks drops its line break).
        var rendering = string.Join("", template.Split('\n').Select((l, i) => (l, i))
            .Where(p => !p.l.TrimStart().StartsWith("{%", StringComparison.Ordinal) && !p.l.TrimStart().StartsWith("{#", StringComparison.Ordinal) && !p.l.TrimEnd().EndsWith("#}", StringComparison.Ordinal))
            .Select(p => p.l + "\n")).TrimEnd('\n') + "\n";

        Assert.Equal(Values(rendering), Values(view.Text));
        Assert.DoesNotContain(TemplateView.Filler, view.Text);
    }

    /// <summary>What the real postconf reads from <paramref name="mainCf"/>: <c>postconf -n</c>, name by name.</summary>
    internal static Dictionary<string, string> Values(string mainCf)
    {
        using var dir = new Cli.TempDir();
        var path = dir.Write("main.cf", mainCf);
        var staged = Postconf.Stage([path]);
        try
        {
            File.WriteAllText(Path.Combine(staged, "main.cf"), mainCf);
            return Postconf.NonDefault(staged) ?? throw new InvalidOperationException("postconf refused:\n" + mainCf);
        }
        finally
        {
            Directory.Delete(staged, recursive: true);
        }
    }
}
