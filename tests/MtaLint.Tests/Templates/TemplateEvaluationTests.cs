using System.Text.Json;
using MtaLint.Syntax.Templates;
using MtaLint.Syntax.Templates.Variables;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;
using MtaLint.Dialects;

namespace MtaLint.Tests.Templates;

/// <summary>
/// The evaluator on hand-made role defaults (TestData/template-vars) that use what YAML 1.1, Jinja's filters and
/// Ruby's <c>to_s</c> make tricky: each expression it knows is rendered by the real engine (Jinja2 with the defaults
/// loaded by PyYAML; Ruby's ERB and Erubis) and must be the same text; each condition it decides must be decided
/// the same way; and what it must not know (facts, calls, undefined names) stays unknown.
/// </summary>
public sealed class TemplateEvaluationTests
{
    private static string Fixtures => Path.Combine(TestPaths.TestsData, "template-vars");

    private static TemplateVariables Demo => TemplateDefaults.For(Path.Combine(Fixtures, "roles", "demo", "templates", "main.cf.j2"), JinjaOptions.Ansible);

    public static TheoryData<string> KnownJinja() => new(
        "demo_banner", "demo_tls", "demo_off", "demo_true", "demo_null", "demo_empty", "demo_octal", "demo_hex", "demo_sexagesimal",
        "demo_int", "demo_negative", "demo_float", "demo_float_big", "demo_float_small", "demo_float_plain", "demo_exp_string", "demo_list",
        "demo_dict", "demo_nested", "demo_nested.inner.value", "demo_nested['inner']['value']", "merged", "merged.y", "merged['x']", "demo_keys",
        "demo_quoted_yes | bool", "demo_string_true|bool", "demo_tls|bool", "demo_null|bool", "demo_int | bool", "demo_word_string | bool",
        "'x' ~ demo_tls", "demo_null ~ '|'", "demo_list | join(', ')", "demo_list|join", "demo_dict | join(',')", "demo_banner|join('-')",
        "undefined_var | default('fallback')", "undefined_var | d('x', true)", "demo_empty_string | d('x', true)", "demo_empty_string | default('x')",
        "demo_zero | d(5, true)", "demo_null | default('x')", "demo_null | default('x', true)", "undefined_var | default(demo_banner)", "undefined_var | default",
        "undefined_var | default(default_value='k')", "demo_banner | lower", "demo_banner | upper", "demo_tls | string", "demo_null | string",
        "demo_list | string", "demo_number_string | int", "demo_float_string | int", "demo_word_string | int", "demo_float | int", "demo_tls | int",
        "demo_null | int", "demo_word_string | int(7)", "demo_tls | ternary('yes', 'no')", "demo_off | ternary('yes', 'no')",
        "demo_null | ternary('a', 'b', 'c')", "demo_empty_string | ternary('a', 'b')", "'yes' if demo_tls else 'no'", "'on' if demo_tls",
        "demo_multiline", "demo_folded", "demo_unicode", "demo_quotes", "demo_backslash", "demo_dup", "demo_list.0", "demo_list[1]", "demo_list[-1]",
        "demo_dict['items']", "\"a\" 'b'", "42", "1.5", "'it\\'s'", "\"tab\\there\"", "'back\\slash'", "demo_space | trim", "demo_int + 1",
        "demo_banner + '!'", "not demo_tls", "demo_tls and demo_banner", "demo_null or 'z'", "demo_tls == true", "demo_octal == 420",
        "merged.y == 'three'", "undefined_var is defined", "demo_banner is defined", "demo_null is none", "demo_template is defined",
        "demo_banner is string", "demo_int is number", "demo_tls is boolean", "demo_dict is mapping", "(demo_banner)", "-demo_int",
        "undefined_var is not defined", "demo_list | join(demo_banner)", "demo_quoted_yes", "demo_string_true", "True", "none", "demo_int - 1");

    public static TheoryData<string> UnknownJinja() => new(
        "ansible_fqdn", "ansible_fqdn | default('x')", "inventory_hostname", "undefined_var", "demo_template", "demo_date", "lookup('env', 'X')",
        "demo_dict.items()", "demo_dict.items", "demo_list | map('upper') | list", "demo_banner | regex_replace('a', 'b')", "demo_unicode | upper",
        "demo_float * 2", "undefined_var.x | default('y')", "demo_list[0:1]", "[1, 2]", "undefined_var ~ 'x'", "demo_banner | default(omit)",
        "demo_template | default('x')", "item", "demo_nested.missing", "1e5", "'\\x41'", "demo_list == demo_dict", "'on' if demo_off", "demo_list == ['a']", "demo_banner is match('x')");

    public static TheoryData<string> Conditions() => new(
        "demo_tls", "not demo_off", "demo_empty_string", "demo_list", "demo_dict", "undefined_var is defined", "undefined_var is not defined",
        "demo_banner == '$myhostname ESMTP $mail_name'", "demo_int != 1000", "demo_tls and demo_off", "demo_tls or undefined_var",
        "demo_quoted_yes | bool", "demo_null is none", "demo_template is defined", "demo_zero", "demo_null", "demo_string_true",
        "demo_nested.inner is defined", "demo_nested.missing is defined", "undefined_var | default(false) | bool", "demo_tls == 'yes'");

    [Fact]
    public void Known_jinja_expressions_render_as_jinja2_renders_them()
    {
        var vars = Demo;
        var cases = KnownJinja().Select(r => r.Data).ToArray();
        var ours = cases.Select(c => TemplateExpressions.RenderCode(JinjaOptions.Ansible, c, vars)).ToArray();
        Assert.All(cases.Zip(ours), x => Assert.True(x.Second is not null, $"'{x.First}' should be known"));
        var results = TemplateOracle.JinjaVars(Job(vars, cases)).GetProperty("results");
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.True(results[i].TryGetProperty("text", out var text), $"{cases[i]}: Jinja2 fails: {results[i]}");
            Assert.True(text.GetString() == ours[i]!.Text, $"{{{{ {cases[i]} }}}}: mtalint '{ours[i]!.Text}', Jinja2 '{text.GetString()}'");
        }
    }

    [Theory]
    [MemberData(nameof(UnknownJinja))]
    public void What_depends_on_facts_calls_or_undefined_names_is_unknown(string code) =>
        Assert.Null(TemplateExpressions.RenderCode(JinjaOptions.Ansible, code, Demo));

    [Fact]
    public void Decided_conditions_are_decided_as_jinja2_decides_them()
    {
        var vars = Demo;
        var cases = Conditions().Select(r => r.Data).ToArray();
        var ours = cases.Select(c => TemplateExpressions.Condition(JinjaOptions.Ansible, c, vars)).ToArray();
        Assert.All(cases.Zip(ours), x => Assert.True(x.Second is not null, $"'{x.First}' should be decided"));
        var truths = TemplateOracle.JinjaVars(Job(vars, [], cases)).GetProperty("truths");
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Equal((cases[i], ours[i] == true ? "T" : "F"), (cases[i], truths[i].GetProperty("text").GetString()));
        }

        Assert.Null(TemplateExpressions.Condition(JinjaOptions.Ansible, "undefined_var", vars)); // Ansible's undefined raises
        Assert.Null(TemplateExpressions.Condition(JinjaOptions.Ansible, "ansible_os_family == 'Debian'", vars));
    }

    [Fact]
    public void A_known_value_names_the_variables_it_comes_from_and_where_they_are_written()
    {
        var vars = Demo;
        var banner = TemplateExpressions.RenderCode(JinjaOptions.Ansible, "demo_banner", vars)!;
        Assert.Equal("$myhostname ESMTP $mail_name", banner.Text);
        var from = Assert.Single(banner.From);
        Assert.EndsWith(Path.Combine("roles", "demo", "vars", "main.yml"), from.At.File.Path, StringComparison.Ordinal); // vars win over defaults
        Assert.Equal((2, 14), (from.At.Start.Line, from.At.Start.Column));
        Assert.Equal("\"$myhostname ESMTP $mail_name\"", from.At.Text);

        var nested = Assert.Single(TemplateExpressions.RenderCode(JinjaOptions.Ansible, "demo_nested.inner.value", vars)!.From);
        Assert.Equal("demo_nested.inner.value", nested.Name);
        Assert.Equal("\"deep\"", nested.At.Text);

        var chosen = TemplateExpressions.RenderCode(JinjaOptions.Ansible, "demo_relay | default(demo_banner) ~ (' tls' if demo_tls else '')", vars)!;
        Assert.Equal(["demo_banner", "demo_tls"], chosen.From.Select(v => v.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Salt_and_plain_jinja_know_literals_only_and_render_none_as_python_does()
    {
        Assert.Null(TemplateExpressions.RenderCode(JinjaOptions.Salt, "undefined_var | default('x')", TemplateVariables.Empty));
        Assert.Equal("None", TemplateExpressions.RenderCode(JinjaOptions.Salt, "none", TemplateVariables.Empty)!.Text);
        Assert.Equal("", TemplateExpressions.RenderCode(JinjaOptions.Ansible, "none", TemplateVariables.Empty)!.Text);
        Assert.Equal("a-b", TemplateExpressions.RenderCode(JinjaOptions.Salt, "'a' ~ '-' ~ 'b'", TemplateVariables.Empty)!.Text);
    }

    [Fact]
    public void A_defaults_folder_of_files_is_read_in_name_order()
    {
        var vars = TemplateDefaults.For(Path.Combine(Fixtures, "roles", "split", "templates", "x.j2"), JinjaOptions.Ansible);
        Assert.Equal("one", ((TemplateString)vars.Find("split_a")!.Value).Value);
        Assert.Equal("two", ((TemplateString)vars.Find("split_b")!.Value).Value);
        Assert.Equal(2, vars.Files.Length);
    }

    [Fact]
    public void The_yaml_reader_reads_every_variable_as_pyyaml_does()
    {
        var files = Directory.EnumerateFiles(TestPaths.TestsData, "*.y*ml", SearchOption.AllDirectories)
            .Where(f => f.Contains("/templates/", StringComparison.Ordinal) || f.Contains("/template-vars/", StringComparison.Ordinal))
            .Where(f => f.Contains("/defaults/", StringComparison.Ordinal) || f.Contains("/vars/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length >= 25, $"{files.Length} files");
        var compared = 0;
        foreach (var path in files)
        {
            var vars = AnsibleVarsReader.Read(SourceFile.FromBytes(path, File.ReadAllBytes(path)));
            Assert.Empty(vars.Warnings);
            var theirs = TemplateOracle.YamlVariables(JsonSerializer.Serialize(new { files = new[] { path } })).GetProperty("variables")
                .EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            Assert.Equal(theirs.Keys.Order(StringComparer.Ordinal), vars.All.Select(v => v.Name));
            foreach (var v in vars.All)
            {
                if (ValueText.PythonRepr(v.Value) is { } repr)
                {
                    Assert.True(theirs[v.Name] == repr, $"{path}: {v.Name}: mtalint {repr}, PyYAML {theirs[v.Name]}");
                    compared++;
                }
                else
                {
                    Assert.True(TemplateValues.HasOpaque(v.Value), $"{path}: {v.Name} has no repr but nothing opaque");
                }
            }
        }

        Assert.True(compared >= 200, $"only {compared} values compared");
    }

    public static TheoryData<string, string> KnownErb() => new()
    {
        { "Puppet", "@banner" }, { "Puppet", "@tls" }, { "Puppet", "@size" }, { "Puppet", "@relayhost" }, { "Puppet", "@networks" },
        { "Puppet", "@networks.join(', ')" }, { "Puppet", "@networks.join" }, { "Puppet", "scope['postfix::banner']" },
        { "Puppet", "scope.lookupvar('postfix::params::relay')" }, { "Puppet", "scope['::postfix::params::relay']" }, { "Puppet", "@quoted" },
        { "Puppet", "@tls ? 'yes' : 'no'" }, { "Puppet", "@relayhost.nil?" }, { "Puppet", "@banner.upcase" }, { "Puppet", "@size.to_s" },
        { "Puppet", "'x'" }, { "Puppet", "42" }, { "Puppet", "!@tls" }, { "Puppet", "@banner == '$myhostname ESMTP'" }, { "Puppet", "@relayhost || 'none'" },
        { "Chef", "node['postfix']['main']['smtpd_banner']" }, { "Chef", "node['postfix']['mail_type']" }, { "Chef", "node[:postfix][:mail_type]" },
        { "Chef", "node['postfix']['networks']" }, { "Chef", "node['postfix']['networks'].join(\" \")" }, { "Chef", "node['postfix']['size']" },
        { "Chef", "node['postfix']['tls']" }, { "Chef", "node['postfix']['relayhost']" }, { "Chef", "node['postfix']['override_me']" },
    };

    [Fact]
    public void Known_erb_expressions_render_as_ruby_renders_them()
    {
        foreach (var host in new[] { "Puppet", "Chef" })
        {
            var cases = KnownErb().Where(r => r.Data.Item1 == host).Select(r => r.Data.Item2).ToArray();
            var (options, vars) = Erb(host);
            var ours = cases.Select(c => TemplateExpressions.RenderCode(options, c, vars)).ToArray();
            Assert.All(cases.Zip(ours), x => Assert.True(x.Second is not null || x.First.Contains('?', StringComparison.Ordinal), $"{host}: '{x.First}' should be known"));
            var job = JsonSerializer.Serialize(new
            {
                engine = host == "Chef" ? "erubis" : "erb",
                ivars = vars.All.Where(v => !v.Name.Contains("::", StringComparison.Ordinal) && !v.Name.StartsWith("node", StringComparison.Ordinal)).ToDictionary(v => v.Name, v => Json(v.Value)),
                scope = vars.All.Where(v => v.Name.Contains("::", StringComparison.Ordinal)).ToDictionary(v => v.Name, v => Json(v.Value)),
                node = Node(vars),
                cases,
            });
            var results = TemplateOracle.Erb("render-values", job).GetProperty("results");
            for (var i = 0; i < cases.Length; i++)
            {
                if (ours[i] is null)
                {
                    continue; // the ternary is not read: unknown is allowed
                }

                Assert.True(results[i].TryGetProperty("text", out var text), $"{host}: {cases[i]}: Ruby fails: {results[i]}");
                Assert.True(text.GetString() == ours[i]!.Text, $"{host}: <%= {cases[i]} %>: mtalint '{ours[i]!.Text}', Ruby '{text.GetString()}'");
            }
        }
    }

    [Theory]
    [InlineData("Puppet", "@conditional")]
    [InlineData("Puppet", "scope['postfix::params::conditional']")]
    [InlineData("Puppet", "scope['postfix::params::fact_based']")]
    [InlineData("Puppet", "@interpolated")]
    [InlineData("Puppet", "@from_lookup")]
    [InlineData("Puppet", "@inner")]
    [InlineData("Puppet", "@fqdn")]
    [InlineData("Puppet", "@banner.gsub('a', 'b')")]
    [InlineData("Chef", "@banner")]
    [InlineData("Chef", "node['fqdn']")]
    [InlineData("Chef", "node['postfix']['computed']")]
    [InlineData("Chef", "node['postfix']['guarded']")]
    [InlineData("Chef", "node['postfix']['conditional']")]
    [InlineData("Chef", "node['postfix']['loop']")]
    [InlineData("Chef", "node['postfix']['main']")]
    public void Erb_values_not_written_as_plain_top_level_literals_are_unknown(string host, string code)
    {
        var (options, vars) = Erb(host);
        Assert.Null(TemplateExpressions.RenderCode(options, code, vars));
    }

    [Fact]
    public void Epp_reads_qualified_class_variables_and_puppet_truth()
    {
        var (_, vars) = Erb("Puppet");
        Assert.Equal("$myhostname ESMTP", TemplateExpressions.RenderCode(ErbOptions.PuppetEpp, "$postfix::banner", vars)!.Text);
        Assert.Equal("true", TemplateExpressions.RenderCode(ErbOptions.PuppetEpp, "$postfix::tls", vars)!.Text);
        Assert.Equal("", TemplateExpressions.RenderCode(ErbOptions.PuppetEpp, "$postfix::relayhost", vars)!.Text);
        Assert.Null(TemplateExpressions.RenderCode(ErbOptions.PuppetEpp, "$banner", vars)); // a template parameter: passed by the caller
        Assert.Null(TemplateExpressions.RenderCode(ErbOptions.PuppetEpp, "$postfix::networks", vars)); // Puppet's array format: not read
        Assert.Equal(false, TemplateExpressions.Condition(ErbOptions.PuppetEpp, "$postfix::relayhost", vars));
        Assert.Equal(true, TemplateExpressions.Condition(ErbOptions.PuppetEpp, "$postfix::banner == '$MYHOSTNAME esmtp'", vars)); // == ignores case in Puppet
        Assert.Equal(true, TemplateExpressions.Condition(ErbOptions.Puppet, "@relayhost.nil? && @tls", vars));
        Assert.Equal(false, TemplateExpressions.Condition(ErbOptions.Puppet, "@banner == '$MYHOSTNAME esmtp'", vars));
    }

    [Fact]
    public void A_branch_is_taken_when_its_condition_holds_and_no_earlier_one_does()
    {
        var text = "{% if demo_off %}a\n{% elif demo_tls %}b\n{% else %}c\n{% endif %}{% if ansible_x %}d{% else %}e{% endif %}{% for x in demo_list %}{{ x | default('z') }}{% endfor %}\n";
        var doc = TemplateDocument.Parse(new SourceFile("roles/demo/templates/t.j2", text), JinjaOptions.Ansible);
        var expressions = new TemplateExpressions(doc, Demo);
        var first = doc.Blocks[0].Branches;
        Assert.Equal([false, true, false], first.Select(expressions.Taken));
        Assert.Equal([null, null], doc.Blocks[1].Branches.Select(expressions.Taken));
        Assert.Null(expressions.Taken(doc.Blocks[2].Branches[0]));
        var loopBody = doc.Tokens.Single(t => t.Kind == TemplateTokenKind.Expression);
        Assert.Null(expressions.Render(loopBody)); // x is the loop's, not an undefined name
        Assert.Null(expressions.Resolver(loopBody));
    }

    private static (TemplateOptions Options, TemplateVariables Vars) Erb(string host) => host == "Chef"
        ? (ErbOptions.Chef, TemplateDefaults.For(Path.Combine(Fixtures, "chef", "postfix", "templates", "default", "main.cf.erb"), ErbOptions.Chef))
        : (ErbOptions.Puppet, TemplateDefaults.For(Path.Combine(Fixtures, "puppet", "postfix", "templates", "main.cf.erb"), ErbOptions.Puppet));

    private static string Job(TemplateVariables vars, string[] cases, string[]? conditions = null) =>
        JsonSerializer.Serialize(new { files = vars.Files.Select(f => f.Path).ToArray(), ansible = true, cases, conditions = conditions ?? [] });

    internal static object? Json(TemplateValue value) => value switch
    {
        TemplateString s => s.Value,
        TemplateBoolean b => b.Value,
        TemplateInteger i => (long)i.Value,
        TemplateNull => null,
        TemplateList l => l.Items.Select(Json).ToArray(),
        _ => throw new InvalidOperationException(value.ToString()),
    };

    /// <summary>The node attributes as nested hashes, from the variables named <c>node['a']['b']</c>.</summary>
    internal static Dictionary<string, object?> Node(TemplateVariables vars)
    {
        var root = new Dictionary<string, object?>();
        foreach (var v in vars.All.Where(v => v.Name.StartsWith("node[", StringComparison.Ordinal)))
        {
            var keys = v.Name[5..^2].Split("']['");
            var at = root;
            foreach (var k in keys[..^1])
            {
                at = (Dictionary<string, object?>)(at.TryGetValue(k.Trim('\''), out var o) ? o! : at[k.Trim('\'')] = new Dictionary<string, object?>());
            }

            at[keys[^1].Trim('\'')] = Json(v.Value);
        }

        return root;
    }
}
