using System.Text;
using BenchmarkDotNet.Attributes;
using MtaLint.Dialects;
using MtaLint.Syntax.Postfix;
using MtaLint.Syntax.Templates;
using MtaLint.Text;

namespace MtaLint.Benchmarks;

/// <summary>
/// What reading a template costs against reading literal text of the same size (issue 15: linting a template at
/// most 1.5× a literal file). A 10 MB Ansible main.cf.j2 (settings with <c>{{ }}</c> values inside <c>{% if %}</c> and
/// <c>{% for %}</c> blocks, one tag every ~60 bytes) is lexed with its block tree; the same-size literal main.cf is read
/// by Postfix's own parser, and the lexer also reads a file without a tag (its floor).
/// </summary>
[MemoryDiagnoser]
public class TemplateLexBenchmarks
{
    private SourceFile _template = null!;
    private SourceFile _literal = null!;
    private SourceFile _eximLiteral = null!;

    [GlobalSetup]
    public void Setup()
    {
        var size = Environment.GetEnvironmentVariable(LargeInputBenchmarks.SmokeVariable) == "1" ? 100_000 : 10 << 20;
        _template = new SourceFile("main.cf.j2", Template(size));
        _literal = new SourceFile("main.cf", Literal(size));
        _eximLiteral = new SourceFile("exim4.conf", EximLiteral(size));
    }

    // What a literal config pays for the template check, now that its whole text is looked at for markers (a Salt
    // main.cf's first tag may be past any head); Exim's text is full of braces ("${if and{{def:h_from:}..."), the
    // worst for the scan.
    [Benchmark(Description = "template check (whole text), 10 MB literal main.cf")]
    public bool LiteralIsNoTemplate() => TemplateReading.ViewOf(_literal, t => null) is null;

    [Benchmark(Description = "template check (whole text), 10 MB literal Exim config")]
    public bool EximLiteralIsNoTemplate() => TemplateReading.ViewOf(_eximLiteral, t => null) is null;

    [Benchmark(Baseline = true, Description = "postfix main.cf parse, 10 MB literal")]
    public int PostfixLiteral() => MainCfParser.Parse(_literal).Assignments.Count;

    [Benchmark(Description = "template lex + block tree, 10 MB Jinja2")]
    public int JinjaTemplate() => TemplateDocument.Parse(_template, JinjaOptions.Ansible).Tokens.Count;

    [Benchmark(Description = "template lex, 10 MB without tags")]
    public int JinjaLiteral() => TemplateDocument.Parse(_literal, JinjaOptions.Ansible).Tokens.Count;

    /// <summary>A generated Ansible template of about <paramref name="size"/> chars.</summary>
    public static string Template(int size)
    {
        var text = new StringBuilder(size + 1024);
        for (var i = 0; text.Length < size; i++)
        {
            text.Append("# block ").Append(i).Append('\n')
                .Append("{% if postfix_relay_").Append(i).Append(" is defined %}\n")
                .Append("relayhost_").Append(i).Append(" = [{{ postfix_relay_").Append(i).Append(" }}]:587\n")
                .Append("{% else %}\nrelayhost_").Append(i).Append(" =\n{% endif %}\n")
                .Append("{% for name, value in postfix_extra_").Append(i).Append(".items() %}\n{{ name }} = {{ value }}\n{% endfor %}\n")
                .Append("smtpd_banner_").Append(i).Append(" = {{ ansible_fqdn }} ESMTP $mail_name\n");
        }

        return text.ToString();
    }

    /// <summary>A literal main.cf of about <paramref name="size"/> chars.</summary>
    public static string Literal(int size)
    {
        var text = new StringBuilder(size + 1024);
        for (var i = 0; text.Length < size; i++)
        {
            text.Append("# block ").Append(i).Append('\n')
                .Append("relayhost_").Append(i).Append(" = [relay.example.org]:587\n")
                .Append("smtpd_banner_").Append(i).Append(" = mx.example.org ESMTP $mail_name\n")
                .Append("mynetworks_").Append(i).Append(" = 127.0.0.0/8 [::1]/128\n");
        }

        return text.ToString();
    }

    /// <summary>A literal Exim config of about <paramref name="size"/> chars, dense with braces.</summary>
    public static string EximLiteral(int size)
    {
        var text = new StringBuilder(size + 1024);
        for (var i = 0; text.Length < size; i++)
        {
            text.Append("acl_check_").Append(i).Append(":\n")
                .Append("  deny condition = ${if and{{def:h_from:}{eq{$h_to:}{x").Append(i).Append("}}}}\n")
                .Append("  warn set acl_m0 = ${lookup{$sender_address_domain}lsearch{/etc/exim4/domains}{yes}{no}}\n");
        }

        return text.ToString();
    }
}
