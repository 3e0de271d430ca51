using System.Text.Json;
using MtaLint.Syntax.Templates;
using MtaLint.Syntax.Templates.Variables;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;
using MtaLint.Dialects;

namespace MtaLint.Tests.Templates;

/// <summary>
/// The defaults beside the gathered templates are read, and what the evaluator calls known is what the real engine
/// writes: every expression tag of the test data is evaluated under its role's defaults, and each known one is
/// rendered by Jinja2 (the defaults loaded by PyYAML, not by mtalint) and compared.
/// </summary>
public sealed class TemplateVariablesTests(ITestOutputHelper output)
{
    private static string Real => Path.Combine(TestPaths.TestsData, "templates");

    public static TheoryData<string> DefaultsFiles()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Real, "*", SearchOption.AllDirectories)
                     .Where(f => f.Contains("/defaults/", StringComparison.Ordinal) || f.Contains("/vars/", StringComparison.Ordinal) || f.EndsWith("/attributes/default.rb", StringComparison.Ordinal) || f.EndsWith(".pp", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(TestPaths.TestsData, f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DefaultsFiles))]
    public void Every_defaults_file_of_the_test_data_is_read_without_a_warning(string path)
    {
        var file = TemplateFiles.Read(path);
        var variables = path.EndsWith(".rb", StringComparison.Ordinal) ? ChefAttributesReader.Read(file)
            : path.EndsWith(".pp", StringComparison.Ordinal) ? PuppetDefaultsReader.Read([file])
            : AnsibleVarsReader.Read(file);
        Assert.Empty(variables.Warnings);
        Assert.All(variables.All, v => Assert.Same(file, v.At.File));
        // Temelio's vars/main.yml is only a comment; cirrax's init.pp has one literal default (the rest name params.pp, not gathered).
        // ULHPC's init.pp gives every parameter a params.pp value; kcl's and openstack's params.pp set theirs inside a
        // `case` on the OS family, which a fact decides.
        string[] none = ["Temelio__ansible-role-exim4/vars", "ULHPC__puppet-exim4/manifests/init.pp", "kcl-eresearch__puppet-exim/manifests/params.pp", "openstack-infra__puppet-exim/manifests/params.pp"];
        Assert.Equal(none.Any(n => path.Contains(n, StringComparison.Ordinal)), variables.Count == 0);
        if (path.Contains("cirrax", StringComparison.Ordinal))
        {
            Assert.Equal(["is_satellite", "postfix::is_satellite"], variables.All.Select(v => v.Name));
        }

        output.WriteLine($"{path}: {variables.Count} variables");
    }

    [Fact]
    public void Known_expressions_of_the_test_data_render_as_the_real_jinja2_renders_them()
    {
        var counts = new Dictionary<TemplateEngine, (int Known, int Total)>();
        var conditions = new Dictionary<TemplateEngine, (int Decided, int Total)>();
        var checkedCount = 0;
        foreach (var path in Templates())
        {
            var options = TemplateFiles.Options(path);
            var doc = TemplateDocument.Parse(TemplateFiles.Read(path), options);
            var variables = TemplateDefaults.For(TemplateFiles.FullPath(path), options);
            Assert.Empty(variables.Warnings);
            var expressions = new TemplateExpressions(doc, variables);
            var known = new List<(string Code, RenderedExpression Rendered)>();
            var total = 0;
            foreach (var token in doc.Tokens.Where(t => t.Kind == TemplateTokenKind.Expression))
            {
                total++;
                if (expressions.Render(token) is { } rendered)
                {
                    known.Add((doc.File.Text.Substring(token.Code.Start, token.Code.Length), rendered));
                }
            }

            var (k, t) = counts.GetValueOrDefault(options.Engine);
            counts[options.Engine] = (k + known.Count, t + total);
            var branches = Branches(doc.Blocks).Where(b => b.Condition is not null && b.Loop is null).ToArray();
            var decided = branches.Select(b => (Code: b.Condition!, Truth: expressions.Truth(b), b.Negated)).Where(x => x.Truth is not null).ToArray();
            var (d, n) = conditions.GetValueOrDefault(options.Engine);
            conditions[options.Engine] = (d + decided.Length, n + branches.Length);
            if (known.Count == 0 && decided.Length == 0)
            {
                continue;
            }

            Assert.NotEqual(TemplateEngine.Epp, options.Engine); // no EPP expression of the test data is known: see the hand-made EPP cases
            if (options.Engine == TemplateEngine.Erb)
            {
                checkedCount += CheckedWithRuby(path, options, variables, known, decided);
                output.WriteLine($"{path}: {known.Count}/{total} expressions known, {decided.Length}/{branches.Length} conditions decided");
                continue;
            }

            var job = JsonSerializer.Serialize(new
            {
                files = variables.Files.Select(f => f.Path).ToArray(),
                ansible = options.Host == "Ansible",
                cases = known.Select(x => x.Code.Trim()).ToArray(),
                conditions = decided.Select(x => x.Code.Trim()).ToArray(),
            });
            var oracle = TemplateOracle.JinjaVars(job);
            var results = oracle.GetProperty("results");
            var truths = oracle.GetProperty("truths");
            for (var i = 0; i < decided.Length; i++)
            {
                Assert.True(truths[i].TryGetProperty("text", out var truth), $"{path}: {{% if {decided[i].Code} %}} is decided by mtalint but Jinja2 fails: {truths[i]}");
                Assert.True((decided[i].Truth != decided[i].Negated ? "T" : "F") == truth.GetString(), $"{path}: {{% if {decided[i].Code} %}}: mtalint {decided[i].Truth}, Jinja2 {truth.GetString()}");
            }

            for (var i = 0; i < known.Count; i++)
            {
                Assert.True(results[i].TryGetProperty("text", out var text), $"{path}: {{{{{known[i].Code}}}}} is known to mtalint as '{known[i].Rendered.Text}' but Jinja2 fails: {results[i]}");
                Assert.True(text.GetString() == known[i].Rendered.Text, $"{path}: {{{{{known[i].Code}}}}}: mtalint '{known[i].Rendered.Text}', Jinja2 '{text.GetString()}'");
                checkedCount++;
            }

            output.WriteLine($"{path}: {known.Count}/{total} expressions known, {decided.Length}/{branches.Length} conditions decided");
        }

        foreach (var (engine, (k, t)) in counts)
        {
            output.WriteLine($"{engine}: {k} of {t} expression tags known, {conditions[engine].Decided} of {conditions[engine].Total} branch conditions decided");
        }

        Assert.True(conditions[TemplateEngine.Jinja2].Decided >= 50, $"only {conditions[TemplateEngine.Jinja2].Decided} conditions decided");

        Assert.True(checkedCount >= 100, $"only {checkedCount} known expressions checked");
    }

    /// <summary>
    /// The known ERB expressions and decided conditions of one template (Puppet class parameters that are plain
    /// literals), rendered by Ruby's ERB or Erubis with the same values: a condition as <c>(code) ? 'T' : 'F'</c>.
    /// </summary>
    private static int CheckedWithRuby(string path, TemplateOptions options, TemplateVariables variables,
        List<(string Code, RenderedExpression Rendered)> known, (string Code, bool? Truth, bool Negated)[] decided)
    {
        var cases = known.Select(k => k.Code.Trim()).Concat(decided.Select(d => $"({d.Code.Trim()}) ? 'T' : 'F'")).ToArray();
        var job = JsonSerializer.Serialize(new
        {
            engine = options.Host == "Chef" ? "erubis" : "erb",
            ivars = variables.All.Where(v => !v.Name.Contains("::", StringComparison.Ordinal) && !v.Name.StartsWith("node", StringComparison.Ordinal)).ToDictionary(v => v.Name, v => TemplateEvaluationTests.Json(v.Value)),
            scope = variables.All.Where(v => v.Name.Contains("::", StringComparison.Ordinal)).ToDictionary(v => v.Name, v => TemplateEvaluationTests.Json(v.Value)),
            node = TemplateEvaluationTests.Node(variables),
            cases,
        });
        var results = TemplateOracle.Erb("render-values", job).GetProperty("results");
        for (var i = 0; i < known.Count; i++)
        {
            Assert.True(results[i].TryGetProperty("text", out var text), $"{path}: <%= {known[i].Code} %> is known to mtalint as '{known[i].Rendered.Text}' but Ruby fails: {results[i]}");
            Assert.True(text.GetString() == known[i].Rendered.Text, $"{path}: <%= {known[i].Code} %>: mtalint '{known[i].Rendered.Text}', Ruby '{text.GetString()}'");
        }

        for (var i = 0; i < decided.Length; i++)
        {
            var result = results[known.Count + i];
            Assert.True(result.TryGetProperty("text", out var truth), $"{path}: <% if {decided[i].Code} %> is decided by mtalint but Ruby fails: {result}");
            Assert.True((decided[i].Truth != decided[i].Negated ? "T" : "F") == truth.GetString(), $"{path}: <% if {decided[i].Code} %>: mtalint {decided[i].Truth}, Ruby {truth.GetString()}");
        }

        return known.Count;
    }

    private static IEnumerable<TemplateBranch> Branches(IEnumerable<TemplateBlock> blocks) =>
        blocks.SelectMany(b => b.Branches).SelectMany(b => Branches(b.Blocks).Prepend(b));

    private static IEnumerable<string> Templates() =>
        TemplateFiles.Valid().Select(row => row.Data).Where(p => p.StartsWith("templates/", StringComparison.Ordinal));
}
