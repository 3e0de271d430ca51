using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MtaLint.Tests.Cli;
using MtaLint.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace MtaLint.Tests.Ecosystem;

/// <summary>
/// Packs the tool the way pre-commit's <c>dotnet</c> language does (<c>dotnet pack</c> at the repository
/// root, then <c>dotnet tool install --tool-path --add-source</c> with no other package source), and runs
/// the hooks of <c>.pre-commit-hooks.yaml</c> on staged files of a scratch git repository.
/// </summary>
public sealed class ToolPackageTests : IClassFixture<ToolPackageTests.InstalledTool>
{
    private readonly InstalledTool _tool;

    public ToolPackageTests(InstalledTool tool) => _tool = tool;

    [Fact]
    public void The_solution_packs_into_exactly_one_tool_package_with_its_metadata()
    {
        Assert.Equal("mtalint.0.1.0.nupkg", Path.GetFileName(_tool.Package));
        using var zip = ZipFile.OpenRead(_tool.Package);
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("mtalint", Field("id"));
        Assert.Equal("0.1.0", Field("version"));
        Assert.Contains("Postfix", Field("description"));
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        Assert.Equal("https://github.com/mtalint/mtalint", metadata.Elements().Single(e => e.Name.LocalName == "repository").Attribute("url")!.Value);
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        Assert.Contains(zip.Entries, e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
    }

    [Fact]
    public void The_installed_tool_runs()
    {
        var version = Run(_tool.Executable, ["--version"], Path.GetTempPath());
        Assert.Equal(0, version.ExitCode);
        Assert.Equal("0.1.0", version.Stdout.Trim());
        var explain = Run(_tool.Executable, ["explain", "MTA001"], Path.GetTempPath());
        Assert.Contains("# MTA001 unused-suppression", explain.Stdout);
    }

    [Theory]
    [InlineData("mtalint")]
    [InlineData("mtalint-fix")]
    public void Pre_commit_hook_runs_on_the_staged_files_it_matches(string hookId)
    {
        var hook = Hooks().Single(h => h.Id == hookId);
        Assert.Equal("dotnet", hook.Language);
        using var repo = new TempDir();
        Git(repo.Path, "init", "-q");
        var bad = "smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)\n";
        repo.Write("postfix/main.cf", bad);
        repo.Write("notes/README.txt", "smtpd_banner = $myhostname ESMTP $mail_name\n");
        repo.Write("scripts/configure", "#!/bin/sh\n");
        repo.Write("unstaged/main.cf", bad);
        Git(repo.Path, "add", "postfix", "notes", "scripts");

        // pre-commit passes the staged files its `files` pattern matches, as arguments.
        var staged = Git(repo.Path, "diff", "--cached", "--name-only").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var files = staged.Where(f => Regex.IsMatch(f, hook.Files)).ToArray();
        Assert.Equal(["postfix/main.cf"], files);

        var entry = hook.Entry.Split(' ');
        Assert.Equal("mtalint", entry[0]);
        var result = Run(_tool.Executable, [.. entry[1..], .. files], repo.Path);
        if (hookId == "mtalint")
        {
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("postfix/main.cf:1:", result.Stdout);
            Assert.Equal(bad, repo.Read("postfix/main.cf"));
        }
        else
        {
            var fixedText = repo.Read("postfix/main.cf");
            Assert.NotEqual(bad, fixedText);
            Assert.DoesNotContain("Debian/GNU", fixedText);
            var again = Run(_tool.Executable, [.. entry[1..], .. files], repo.Path);
            Assert.Equal(fixedText, repo.Read("postfix/main.cf"));
            Assert.Equal(result.ExitCode, again.ExitCode);
        }

        Assert.Equal(bad, repo.Read("unstaged/main.cf"));
    }

    [Theory]
    [InlineData("etc/postfix/main.cf", true)]
    [InlineData("master.cf", true)]
    [InlineData("exim4/exim4.conf.template", true)]
    [InlineData("exim/exim.conf", true)]
    [InlineData("mail/sendmail.mc", true)]
    [InlineData("main.cf.orig", false)]
    [InlineData("docs/main.cf.md", false)]
    [InlineData("configure", false)]
    public void Hook_file_pattern(string path, bool matches)
    {
        Assert.All(Hooks(), h => Assert.Equal(matches, Regex.IsMatch(path, h.Files)));
    }

    private sealed record Hook(string Id, string Entry, string Language, string Files);

    private static IReadOnlyList<Hook> Hooks()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, ".pre-commit-hooks.yaml"))));
        return ((YamlSequenceNode)stream.Documents[0].RootNode).Children.Cast<YamlMappingNode>().Select(m =>
        {
            string Get(string key) => ((YamlScalarNode)m.Children[new YamlScalarNode(key)]).Value!;
            return new Hook(Get("id"), Get("entry"), Get("language"), Get("files"));
        }).ToArray();
    }

    private static string Git(string cwd, params string[] args)
    {
        var result = Run("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", .. args], cwd);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', args)}: {result.Stderr}");
        return result.Stdout;
    }

    internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

    internal static ProcessResult Run(string exe, IEnumerable<string> args, string cwd, int timeoutSeconds = 300)
    {
        var start = new ProcessStartInfo(exe) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} {string.Join(' ', args)} did not finish in {timeoutSeconds} s");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Packs the solution (already built in this configuration) and installs the tool once for the class.</summary>
    public sealed class InstalledTool : IDisposable
    {
        private readonly string _root = Directory.CreateTempSubdirectory("mtalint-tool-").FullName;

        public InstalledTool()
        {
            var configuration = typeof(ToolPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var output = Path.Combine(_root, "pre-commit-build");
            var pack = Run("dotnet", ["pack", "MtaLint.sln", "--configuration", configuration, "--no-build", "--nologo", $"-p:PackageOutputPath={output}"], TestPaths.RepoRoot);
            Assert.True(pack.ExitCode == 0, "dotnet pack failed:\n" + pack.Stdout + pack.Stderr);
            Package = Assert.Single(Directory.GetFiles(output, "*.nupkg"));

            // Like pre-commit: no package source but the folder with our package.
            var config = Path.Combine(_root, "nuget.config");
            File.WriteAllText(config, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration><packageSources><clear /></packageSources></configuration>\n");
            var tools = Path.Combine(_root, "bin");
            var install = Run("dotnet", ["tool", "install", "--configfile", config, "--tool-path", tools, "--add-source", output, "mtalint"], _root);
            Assert.True(install.ExitCode == 0, "dotnet tool install failed:\n" + install.Stdout + install.Stderr);
            Executable = Path.Combine(tools, "mtalint");
        }

        public string Package { get; }

        public string Executable { get; }

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
