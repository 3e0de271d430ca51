using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using MtaLint.Tests.Cli;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Ecosystem;

/// <summary>
/// The hooks of <c>.pre-commit-hooks.yaml</c> installed and run by the real pre-commit (Debian's package,
/// which scripts/test.sh installs): its <c>dotnet</c> language packs this repository at its root, installs the
/// tool package with <c>dotnet tool install --add-source</c>, and runs the hooks on the staged files its
/// <c>files</c> pattern matches. One install per test run (pre-commit's cache is shared by the class).
/// </summary>
public sealed class ToolPackageTests : IClassFixture<ToolPackageTests.PreCommitInstall>
{
    private const string BadBanner = "smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)\n";

    private readonly PreCommitInstall _install;

    public ToolPackageTests(PreCommitInstall install, ITestOutputHelper output)
    {
        _install = install;
        output.WriteLine($"first hook run (pack, native compile, install, lint): {install.FirstRun.Seconds:F1} s");
    }

    [Fact]
    public void First_hook_run_installs_the_tool_and_fails_the_commit_on_findings()
    {
        var first = _install.FirstRun;
        Assert.True(first.ExitCode == 1, first.Output);
        Assert.Matches(@"(?m)^mtalint\.+Failed$", first.Output);
        Assert.Contains("postfix/main.cf:1:", first.Output);
        Assert.DoesNotContain("unstaged/main.cf", first.Output);
    }

    [Fact]
    public void The_installed_command_is_the_native_executable_of_this_machine()
    {
        var target = new FileInfo(_install.Executable).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? _install.Executable;
        var rid = $"linux-{(System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "arm64" : "x64")}";
        Assert.Contains($"/mtalint.{rid}/{ReleaseInfo.Version}/tools/any/{rid}/mtalint", target);
        var head = new byte[4];
        using (var file = File.OpenRead(target))
        {
            file.ReadExactly(head);
        }

        Assert.Equal("\u007fELF"u8.ToArray(), head);
        var folder = Path.GetDirectoryName(target)!;
        Assert.Empty(Directory.GetFiles(folder, "*.dll"));
        Assert.Empty(Directory.GetFiles(folder, "*.dbg"));
        Assert.Empty(Directory.GetFiles(folder, "*.pdb"));
        var settings = XDocument.Load(Path.Combine(folder, "DotnetToolSettings.xml"));
        Assert.Equal("executable", settings.Descendants("Command").Single().Attribute("Runner")?.Value);
    }

    [Fact]
    public void The_installed_tool_prints_its_version_and_commit_and_runs()
    {
        var version = Run(_install.Executable, ["--version"], Path.GetTempPath());
        Assert.Equal(0, version.ExitCode);
        Assert.Equal(ReleaseInfo.VersionLine(_install.Commit), version.Stdout);
        var explain = Run(_install.Executable, ["explain", "MTA001"], Path.GetTempPath());
        Assert.Contains("# MTA001 unused-suppression", explain.Stdout);
    }

    [Fact]
    public void The_tool_package_points_to_one_native_package_per_runtime()
    {
        var store = Path.Combine(Path.GetDirectoryName(_install.Executable)!, ".store", "mtalint", ReleaseInfo.Version);
        var pointer = Path.Combine(store, "mtalint", ReleaseInfo.Version, $"mtalint.{ReleaseInfo.Version}.nupkg");
        using var zip = ZipFile.OpenRead(pointer);
        var metadata = Nuspec(zip);
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("mtalint", Field("id"));
        Assert.Equal(ReleaseInfo.Version, Field("version"));
        Assert.Contains("Postfix", Field("description"));
        Assert.Equal("MIT", Field("license"));
        Assert.Equal("README.md", Field("readme"));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.Equal("https://github.com/mtalint/mtalint", repository.Attribute("url")!.Value);
        Assert.Equal(_install.Commit, repository.Attribute("commit")!.Value);
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith("mtalint.dll", StringComparison.Ordinal));

        var settings = zip.Entries.Single(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        using var stream = settings.Open();
        var runtimes = XDocument.Load(stream).Descendants("RuntimeIdentifierPackage")
            .ToDictionary(e => e.Attribute("RuntimeIdentifier")!.Value, e => e.Attribute("Id")!.Value);
        var declared = XDocument.Load(ReleaseInfo.ToolProject).Descendants("ToolPackageRuntimeIdentifiers").Single().Value.Split(';');
        Assert.Equal(declared.Order(), runtimes.Keys.Order());
        Assert.All(runtimes, r => Assert.Equal($"mtalint.{r.Key}", r.Value));
    }

    [Fact]
    public void The_fix_hook_fixes_the_staged_file_and_a_second_run_changes_nothing()
    {
        using var repo = _install.NewConfigRepository();
        repo.Write("postfix/main.cf", BadBanner);
        repo.Git("add", "postfix/main.cf");

        var first = _install.PreCommit(repo.Path, "run", "mtalint-fix");
        Assert.True(first.ExitCode == 1, first.Output);
        Assert.Contains("files were modified by this hook", first.Output);
        var fixedText = repo.Read("postfix/main.cf");
        Assert.DoesNotContain("Debian/GNU", fixedText);
        // No certificate is configured, so MTA201 has no fix: switching STARTTLS on would only bring MTA204.
        Assert.DoesNotContain("smtpd_tls_security_level", fixedText);
        Assert.Contains("smtp_tls_security_level = may", fixedText);

        repo.Git("add", "postfix/main.cf");
        var second = _install.PreCommit(repo.Path, "run", "mtalint-fix");
        Assert.Equal(fixedText, repo.Read("postfix/main.cf"));
        Assert.DoesNotContain("files were modified by this hook", second.Output);
    }

    [Fact]
    public void The_hooks_see_an_Exim_split_config_and_skip_unrelated_files()
    {
        using var repo = _install.NewConfigRepository();
        repo.Write("exim4/conf.d/main/00_local_banner", "smtp_banner = $smtp_active_hostname ESMTP Exim $version_number\n");
        repo.Write("scripts/configure", "#!/bin/sh\necho configure\n");
        repo.Write("notes/main.txt", BadBanner);
        repo.Git("add", ".");

        var run = _install.PreCommit(repo.Path, "run", "mtalint", "--verbose");
        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Contains("exim4/conf.d/main/00_local_banner:1:", run.Output);
        Assert.Contains("MTA101", run.Output);
        // configure is a name Exim's config may have: the hook passes it, mtalint finds it is not Exim's.
        Assert.Contains("scripts/configure: not a mail server config by its name or content, skipped", run.Output);
        Assert.DoesNotContain("scripts/configure:1", run.Output);
        Assert.DoesNotContain("notes/main.txt", run.Output);

        using var unrelated = _install.NewConfigRepository();
        unrelated.Write("README.md", "# configs\n");
        unrelated.Git("add", ".");
        var skipped = _install.PreCommit(unrelated.Path, "run", "mtalint");
        Assert.True(skipped.ExitCode == 0, skipped.Output);
        Assert.Matches(@"(?m)^mtalint\.+\(no files to check\)Skipped$", skipped.Output);
    }

    private static XElement Nuspec(ZipArchive zip)
    {
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspec.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;
    }

    public static ProcessResult Run(string exe, IEnumerable<string> args, string cwd, int timeoutSeconds = 300, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(exe) { WorkingDirectory = cwd, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} {string.Join(' ', args)} did not finish in {timeoutSeconds} s");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// A commit of this checkout as it is (uncommitted and untracked files included, so the tests see the
    /// code they test), a pre-commit cache of the class's own, and the first hook run, which installs.
    /// </summary>
    public sealed class PreCommitInstall : IDisposable
    {
        private readonly TempDir _root = new();
        private int _repositories;

        public PreCommitInstall()
        {
            var source = Path.Combine(_root.Path, "mtalint");
            Commit = SnapshotOf(TestPaths.RepoRoot, source);
            Cache = Path.Combine(_root.Path, "pre-commit-cache");

            using var repo = NewConfigRepository();
            repo.Write("postfix/main.cf", BadBanner);
            repo.Write("unstaged/main.cf", BadBanner);
            repo.Git("add", "postfix");
            var clock = Stopwatch.StartNew();
            var result = PreCommit(repo.Path, "run", "mtalint");
            FirstRun = new TimedRun(result.ExitCode, result.Output, clock.Elapsed.TotalSeconds);

            var installed = Directory.GetFiles(Cache, "mtalint", SearchOption.AllDirectories)
                .Where(p => p.EndsWith("/dotnetenv-default/bin/mtalint", StringComparison.Ordinal)).ToArray();
            Assert.True(installed.Length == 1, "pre-commit did not install mtalint:\n" + result.Output);
            Executable = installed[0];
        }

        public sealed record TimedRun(int ExitCode, string Output, double Seconds);

        /// <summary>The commit pre-commit installs from (<c>rev:</c>).</summary>
        public string Commit { get; }

        public string Cache { get; }

        public TimedRun FirstRun { get; }

        /// <summary>The <c>mtalint</c> pre-commit puts on the hooks' PATH.</summary>
        public string Executable { get; }

        private string Source => Path.Combine(_root.Path, "mtalint");

        /// <summary>A git repository of configs whose .pre-commit-config.yaml uses this checkout's hooks.</summary>
        public ConfigRepository NewConfigRepository()
        {
            var repo = new ConfigRepository(Path.Combine(_root.Path, $"configs-{Interlocked.Increment(ref _repositories)}"));
            repo.Git("init", "-q");
            repo.Write(".pre-commit-config.yaml", $"""
                repos:
                  - repo: {Source}
                    rev: {Commit}
                    hooks:
                      - id: mtalint
                      - id: mtalint-fix

                """);
            repo.Git("add", ".pre-commit-config.yaml");
            return repo;
        }

        public ProcessResult PreCommit(string repo, params string[] args) =>
            Run("pre-commit", [.. args, "--color", "never"], repo, timeoutSeconds: 1200, new Dictionary<string, string> { ["PRE_COMMIT_HOME"] = Cache });

        public void Dispose() => _root.Dispose();

        /// <summary>Clones <paramref name="repository"/> and commits its uncommitted changes and untracked files there.</summary>
        private static string SnapshotOf(string repository, string clone)
        {
            ReleaseInfo.Git(Path.GetTempPath(), "clone", "-q", repository, clone);
            var patch = Path.Combine(Path.GetDirectoryName(clone)!, "worktree.patch");
            File.WriteAllText(patch, ReleaseInfo.Git(repository, "diff", "HEAD", "--binary") + "\n");
            if (new FileInfo(patch).Length > 1)
            {
                ReleaseInfo.Git(clone, "apply", "--index", patch);
            }

            foreach (var path in ReleaseInfo.Git(repository, "ls-files", "--others", "--exclude-standard").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var target = Path.Combine(clone, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(Path.Combine(repository, path), target);
                ReleaseInfo.Git(clone, "add", path);
            }

            if (ReleaseInfo.Git(clone, "status", "--porcelain").Length > 0)
            {
                ReleaseInfo.Git(clone, "commit", "-q", "-m", "working tree under test");
            }

            return ReleaseInfo.Git(clone, "rev-parse", "HEAD");
        }
    }

    /// <summary>A scratch git repository of configs.</summary>
    public sealed class ConfigRepository(string path) : IDisposable
    {
        public string Path { get; } = Directory.CreateDirectory(path).FullName;

        public void Write(string relative, string text)
        {
            var full = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        public string Read(string relative) => File.ReadAllText(System.IO.Path.Combine(Path, relative));

        public string Git(params string[] args) => ReleaseInfo.Git(Path, args);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
