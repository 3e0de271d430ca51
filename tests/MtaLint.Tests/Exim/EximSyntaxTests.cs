using MtaLint.Syntax.Exim;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Exim;

/// <summary>
/// One test per rule of Exim's config syntax. Each case states the value Exim gives the option;
/// the real Exim is asked too, so a case can only pass when mtalint and Exim agree with it.
/// </summary>
public class EximSyntaxTests
{
    public static TheoryData<string, string, string, string> Cases() => new()
    {
        { "plain option", "qualify_domain = example.com\n", "qualify_domain", "example.com" },
        { "blanks around =", "qualify_domain\t=   example.com   \n", "qualify_domain", "example.com" },
        { "hash after a value is part of it", "qualify_domain = a # b\n", "qualify_domain", "a # b" },
        { "continuation drops the next line's leading blanks", "qualify_domain = a\\\n    b\n", "qualify_domain", "ab" },
        { "blank before the backslash is kept", "qualify_domain = a \\\n    b\n", "qualify_domain", "a b" },
        { "comment line inside a continuation is skipped", "qualify_domain = a\\\n  # note\n  b\n", "qualify_domain", "ab" },
        { "blank line ends a continuation", "qualify_domain = a\\\n\nprimary_hostname = h\n", "qualify_domain", "a" },
        { "trailing blanks after the backslash", "qualify_domain = a\\   \n b\n", "qualify_domain", "ab" },
        { "indented option", "   qualify_domain = x\n", "qualify_domain", "x" },
        { "boolean by name", "accept_8bitmime\n", "accept_8bitmime", "true" },
        { "no_ prefix", "no_accept_8bitmime\n", "accept_8bitmime", "false" },
        { "not_ prefix", "not_accept_8bitmime\n", "accept_8bitmime", "false" },
        { "boolean with a value", "accept_8bitmime = false\n", "accept_8bitmime", "false" },
        { "hide prefix", "hide tls_privatekey = /k\n", "tls_privatekey", "/k" },
        { "macro", "D = example.org\nqualify_domain = D\n", "qualify_domain", "example.org" },
        { "macro in a macro is expanded at definition", "A = x\nB = A\nA == y\nqualify_domain = B\n", "qualify_domain", "x" },
        { "redefinition with ==", "A = x\nA == y\nqualify_domain = A\n", "qualify_domain", "y" },
        { "macro names match inside words", "X = y\nqualify_domain = aXb\n", "qualify_domain", "ayb" },
        { "macro definition continued", "A = p\\\n  q\nqualify_domain = A\n", "qualify_domain", "pq" },
        { "ifdef taken", "A = 1\n.ifdef A\nqualify_domain = t\n.else\nqualify_domain = f\n.endif\n", "qualify_domain", "t" },
        { "ifdef not taken", ".ifdef A\nqualify_domain = t\n.else\nqualify_domain = f\n.endif\n", "qualify_domain", "f" },
        { "ifndef", ".ifndef A\nqualify_domain = n\n.endif\n", "qualify_domain", "n" },
        { "elifdef", "B = 1\n.ifdef A\nqualify_domain = a\n.elifdef B\nqualify_domain = b\n.else\nqualify_domain = c\n.endif\n", "qualify_domain", "b" },
        { "elifndef", "A = 1\n.ifdef B\nqualify_domain = b\n.elifndef C\nqualify_domain = c\n.endif\n", "qualify_domain", "c" },
        { "indented conditionals", "  .ifdef NOPE\n  qualify_domain = a\n  .else\n  qualify_domain = b\n  .endif\n", "qualify_domain", "b" },
        { "nested conditionals inside a skipped branch", ".ifdef NOPE\n.ifndef NOPE\nqualify_domain = a\n.endif\n.else\nqualify_domain = b\n.endif\n", "qualify_domain", "b" },
        { "built-in macro", ".ifdef _HAVE_TLS\nqualify_domain = tls\n.endif\n", "qualify_domain", "tls" },
        { "conditional inside a continuation", "qualify_domain = a\\\n.ifdef NOPE\n  x\\\n.endif\n  b\n", "qualify_domain", "ab" },
        { "quoted value with escapes", "qualify_domain = \"a\\tb\"\n", "qualify_domain", "a\\tb" },
        { "time value", "smtp_receive_timeout = 90m\n", "smtp_receive_timeout", "1h30m" },
        { "integer with K", "smtp_accept_queue_per_connection = 2k\n", "smtp_accept_queue_per_connection", "2048" },
        { "hex integer", "received_headers_max = 0x20\n", "received_headers_max", "32" },
        { "options after a driver section are not main", "qualify_domain = m\nbegin transports\nt:\n  driver = smtp\n  port = 26\n", "qualify_domain", "m" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Option_reads_as_exim_reads_it(string name, string config, string option, string expected)
    {
        _ = name;
        var path = WriteTemp(config);
        var ours = EximTestHost.Analyze(path);
        Assert.Empty(ours.Errors);
        Assert.Equal(expected, ours.Config!.EffectiveSettings[option]);
        Assert.Empty(EximOracleTests.Mismatches(path, new Dictionary<string, string> { [option] = expected }));
    }

    public static TheoryData<string, string, string> Errors() => new()
    {
        { "macro defined twice", "A = 1\nA = 2\n", "already defined" },
        { "redefining an undefined macro", "A == 1\n", "undefined macro" },
        { "macro containing an earlier macro's name", "A = 1\nAB = 2\n", "is a substring" },
        { "missing .endif", ".ifdef X\nqualify_domain = a\n", ".endif missing" },
        { ".endif without .ifdef", ".endif\n", "without matching" },
        { "missing include", ".include nowhere.conf\n", "does not exist" },
        { "relative include_if_exists", ".include_if_exists nowhere.conf\n", "absolute path" },
        { "unknown section", "begin nonsense\n", "unknown section" },
        { "upper-case line that is no macro", "Qualify_domain example\n", "malformed macro" },
        { "option without =", "qualify_domain example\n", "\"=\" expected" },
        { "driver name with more on its line", "begin routers\nr1: driver = accept\n", "extra characters" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Invalid_config_is_an_error_exim_also_reports(string name, string config, string message)
    {
        _ = name;
        var path = WriteTemp(config);
        var ours = EximTestHost.Analyze(path);
        var error = Assert.Single(ours.Errors);
        Assert.Contains(message, error.Message);
        Assert.Equal(path, error.Location.File.Path);
        Assert.NotEqual(0, EximTestHost.RunExim("-C", path, "-bV").ExitCode);
    }

    [Fact]
    public void Command_line_macros_decide_conditionals_and_override_definitions()
    {
        var path = WriteTemp("A = file\n.ifdef FLAG\nqualify_domain = A\n.endif\n");
        var options = EximTestHost.Options with { Defines = new Dictionary<string, string> { ["FLAG"] = "1", ["A"] = "cmd" } };
        var config = EximTestHost.Dialect.Analyze(EximTestHost.Read([path]), options).Config!;
        Assert.Equal("cmd", config.EffectiveSettings["qualify_domain"]);
        var bp = EximTestHost.RunExim("-C", path, "-DFLAG=1", "-DA=cmd", "-bP", "qualify_domain");
        Assert.Equal("qualify_domain = cmd", bp.Stdout.Trim());
    }

    [Fact]
    public void Include_is_relative_to_the_including_file_and_findings_point_into_it()
    {
        var dir = Directory.CreateTempSubdirectory("mtalint-exim-inc-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(dir, "sub", "inner.conf"), "\n\nqualify_domain = inner\n");
        File.WriteAllText(Path.Combine(dir, "sub", "outer.conf"), ".include inner.conf\n");
        var main = Path.Combine(dir, "exim.conf");
        File.WriteAllText(main, ".include sub/outer.conf\n");
        var config = EximTestHost.Analyze(main).Config!;
        Assert.Equal("inner", config.EffectiveSettings["qualify_domain"]);
        var assignment = Assert.Single(config.Assignments);
        Assert.EndsWith("inner.conf", assignment.NameSpan.File.Path);
        Assert.Equal(new LinePosition(3, 1), assignment.NameSpan.Start);
        Assert.Equal("qualify_domain = inner", EximTestHost.RunExim("-C", main, "-bP", "qualify_domain").Stdout.Trim());
    }

    [Fact]
    public void Include_cycle_is_reported_not_followed_forever()
    {
        var dir = Directory.CreateTempSubdirectory("mtalint-exim-cycle-").FullName;
        var path = Path.Combine(dir, "exim.conf");
        File.WriteAllText(path, ".include exim.conf\n");
        var result = EximTestHost.Analyze(path);
        Assert.Contains(result.Errors, e => e.Message.Contains("cycle", StringComparison.Ordinal));
    }

    [Fact]
    public void Macro_bomb_is_bounded()
    {
        // QB = QAQA, QC = QBQB, ...: each level doubles the line; 25 levels would be 64 MiB.
        var lines = new List<string> { "QA = xx" };
        for (var c = 'B'; c <= 'Z'; c++)
        {
            lines.Add($"Q{c} = Q{(char)(c - 1)}Q{(char)(c - 1)}");
        }

        lines.Add("qualify_domain = QZ");
        var result = EximTestHost.AnalyzeText(string.Join('\n', lines) + "\n");
        Assert.Contains(result.Errors, e => e.Message.Contains("1 MiB", StringComparison.Ordinal));
    }

    [Fact]
    public void Expansion_items_are_found_at_any_depth()
    {
        var nodes = EximExpansion.Split("$primary_hostname ${if eq{$x}{}{${lc:$version_number}}{$tod_full}} \\n ${primary_hostname}");
        Assert.Collection(nodes,
            n => Assert.Equal("primary_hostname", Assert.IsType<ExpansionVariable>(n).Name),
            n => Assert.IsType<ExpansionLiteral>(n),
            n =>
            {
                var item = Assert.IsType<ExpansionItem>(n);
                Assert.Equal("if", item.Operator);
                Assert.Contains("version_number", item.Variables);
                Assert.Contains("tod_full", item.Variables);
            },
            n => Assert.IsType<ExpansionLiteral>(n),
            n => Assert.Equal("\n", Assert.IsType<ExpansionEscape>(n).Value),
            n => Assert.IsType<ExpansionLiteral>(n),
            n => Assert.Equal("primary_hostname", Assert.IsType<ExpansionVariable>(n).Name));
        Assert.Single(EximExpansion.Split("${if {unclosed"));
        Assert.Single(EximExpansion.Split(new string('{', 500) + "$x" + new string('}', 500)));
    }

    internal static string WriteTemp(string config)
    {
        var dir = Directory.CreateTempSubdirectory("mtalint-exim-syntax-").FullName;
        var path = Path.Combine(dir, "exim.conf");
        File.WriteAllText(path, config);
        return path;
    }
}
