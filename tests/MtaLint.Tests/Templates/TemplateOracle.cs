using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Templates;

/// <summary>
/// Runs the real template engines through the small scripts in <c>Templates/Oracles/</c>: Debian's python3-jinja2
/// (<c>/usr/bin/python3</c>, not another Python on the PATH) and Debian's ruby with its ERB, ruby-erubis and puppet.
/// <c>scripts/test.sh</c> installs them; a missing engine fails the test with the package to install, never skips it.
/// </summary>
public static class TemplateOracle
{
    private const string Python = "/usr/bin/python3";
    private const string Ruby = "/usr/bin/ruby";

    private static string Script(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "MtaLint.Tests", "Templates", "Oracles", name);

    /// <summary>Jinja's lexer on <paramref name="text"/>: the tags it finds, or the error it raises.</summary>
    public static JsonElement JinjaLex(string text, bool trimBlocks, bool lstripBlocks, bool ansible) =>
        Run(Python, "python3-jinja2", [Script("jinja_oracle.py"), "lex", Flag(trimBlocks), Flag(lstripBlocks), Flag(ansible)], text);

    public static JsonElement JinjaRender(string job) => Run(Python, "python3-jinja2", [Script("jinja_oracle.py"), "render"], job);

    /// <summary>Single expressions rendered by Jinja2 under YAML variables files read by PyYAML (see vars_oracle.py).</summary>
    public static JsonElement JinjaVars(string job) => Run(Python, "python3-jinja2 python3-yaml", [Script("vars_oracle.py")], job);

    /// <summary>The variables PyYAML reads from the job's files, each as Python's repr.</summary>
    public static JsonElement YamlVariables(string job) => Run(Python, "python3-jinja2 python3-yaml", [Script("vars_oracle.py"), "keys"], job);

    /// <summary>The rendering of a role's template under its defaults file, by Jinja2 and PyYAML as Ansible runs them (see role_render.py).</summary>
    public static string RoleRender(string template, string defaults) =>
        Run(Python, "python3-jinja2 python3-yaml", [Script("role_render.py")], System.Text.Json.JsonSerializer.Serialize(new { template, defaults })).GetProperty("text").GetString()!;

    /// <summary><paramref name="mode"/>: <c>erb</c>, <c>erubis</c>, <c>epp</c>, <c>render-erb</c>, <c>render-erubis</c>, <c>check-erb</c>, <c>check-epp</c>, <c>render-values</c> (see the script).</summary>
    public static JsonElement Erb(string mode, string input) => Run(Ruby, "ruby ruby-erubis puppet", ["-W0", Script("erb_oracle.rb"), mode], input);

    private static string Flag(bool value) => value ? "1" : "0";

    /// <summary>Runs <paramref name="exe"/> with <paramref name="args"/> on <paramref name="stdin"/>: its output is JSON.</summary>
    /// <param name="seconds">How long it may take (a batch of many renderings takes longer than one question).</param>
    internal static JsonElement Run(string exe, string packages, IEnumerable<string> args, string stdin, int seconds = 120)
    {
        if (!File.Exists(exe))
        {
            throw new InvalidOperationException($"template oracle {exe} is missing: install Debian's {packages} (scripts/test.sh does as root)");
        }

        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(seconds)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"template oracle {string.Join(' ', args)} did not finish");
        }

        if (process.ExitCode != 0)
        {
            var input = Path.Combine(Path.GetTempPath(), $"mtalint-oracle-{Guid.NewGuid():N}.txt");
            File.WriteAllText(input, stdin);
            throw new InvalidOperationException($"template oracle {string.Join(' ', args)} failed (exit {process.ExitCode}; needs Debian's {packages}; its input is in {input}): {stderr.Result}");
        }

        return JsonDocument.Parse(stdout.Result).RootElement.Clone();
    }
}
