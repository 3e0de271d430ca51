using System.Text.Json;
using System.Text.RegularExpressions;
using MtaLint.Tests.Infrastructure;
using MtaLint.Tests.Probe;

namespace MtaLint.Tests.Cli;

/// <summary>
/// The shipped executable is NativeAOT-compiled and trimmed (<c>scripts/publish.sh native</c>, which
/// <c>scripts/test.sh</c> runs before the tests): it must behave exactly like the library the other
/// tests run in-process. Every testdata case in every format, the model, the diff and the fix, the
/// policy file, the rule docs and a live probe are compared byte for byte (times of day masked).
/// </summary>
public sealed partial class NativeBinaryTests
{
    private static readonly string[] Formats = ["text", "json", "sarif", "github", "junit", "gitlab"];

    internal static string Executable =>
        Environment.GetEnvironmentVariable("MTALINT_NATIVE") is { Length: > 0 } given
            ? given
            : Path.Combine(TestPaths.RepoRoot, "artifacts", "native", "mtalint");

    public static TheoryData<string, string> Cases() => RegisteredDialects.TestDataCases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_format_and_the_model_are_the_same_as_the_library(string mta, string name)
    {
        var path = Path.Combine(TestPaths.TestData, mta, name);
        foreach (var format in Formats)
        {
            AssertSame(["--dialect", mta, "--hostname", "mx.example.com", "--format", format, path]);
        }

        AssertSame(["--dialect", mta, "--hostname", "mx.example.com", "--diff", path]);
        AssertSame(["show", "--dialect", mta, "--hostname", "mx.example.com", "--format", "json", path]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fix_writes_the_same_files_as_the_library(string mta, string name)
    {
        using var native = new TempDir();
        using var library = new TempDir();
        Copy(Path.Combine(TestPaths.TestData, mta, name), native.File(name));
        Copy(Path.Combine(TestPaths.TestData, mta, name), library.File(name));

        var n = RunNative(native.Path, "--dialect", mta, "--hostname", "mx.example.com", "--unsafe-fixes", "--fix", name);
        var l = CliRunner.RunReal("--dialect", mta, "--hostname", "mx.example.com", "--unsafe-fixes", "--fix", library.File(name));
        Assert.Equal(l.ExitCode, n.ExitCode);
        Assert.Equal(Mask(l.Stdout.Replace(library.Path + "/", string.Empty)), Mask(n.Stdout));
        Assert.Equal(Files(library.Path), Files(native.Path));
    }

    [Fact]
    public void Rule_docs_help_version_completion_and_usage_errors_are_the_same()
    {
        AssertSame(["rules"]);
        AssertSame(["explain", "MTA102"]);
        AssertSame(["explain", "MTA999"]);
        AssertSame(["explain", "banner-os"]);
        AssertSame(["explain", "bannr-os"]);
        AssertSame(["--version"]);
        AssertSame(["completion", "bash"]);
        AssertSame(["--no-such-option"]);
        AssertSame(["--format", "yaml", "."]);

        // Help names the program as it runs (in-process: the test host), so it is compared with the JIT-compiled executable.
        foreach (var help in new[] { new[] { "--help" }, ["probe", "--help"], ["show", "--help"] })
        {
            var native = RunNative(Path.GetTempPath(), help);
            var jit = ProcessSmokeTests.Run(Path.GetTempPath(), help);
            Assert.Equal(jit.Exit, native.ExitCode);
            Assert.Equal(jit.Stdout, native.Stdout);
        }
    }

    [Fact]
    public void Standard_input_rule_selection_and_the_json_modes_are_the_same()
    {
        var main = Path.Combine(TestPaths.TestData, "postfix", "debian-default", "main.cf");
        var input = File.ReadAllBytes(main);
        AssertSame(["--hostname", "mx.example.com", "-", "--stdin-filename", main], input);
        AssertSame(["--hostname", "mx.example.com", "--fix", "-", "--stdin-filename", main], input);
        AssertSame(["--hostname", "mx.example.com", "--diff", "--format", "json", "-", "--stdin-filename", main], input);
        AssertSame(["--hostname", "mx.example.com", "--select", "MTA1,tls-client-off", "--ignore", "banner-os", main]);
        AssertSame(["--hostname", "mx.example.com", "--extend-select", "MTA2", "--ignore", "MTA206", "--ignore", "banner-software", main]);
        AssertSame(["--hostname", "mx.example.com", "--skip-unrecognized", "-", "--stdin-filename", "notes.txt"], "banner = x\n"u8.ToArray());
        AssertSame(["--hostname", "mx.example.com", "--diff", "--format", "json", main]);
        AssertSame(["--hostname", "mx.example.com", "--statistics", "--format", "json", Path.Combine(TestPaths.TestData, "postfix")]);
        AssertSame(["--select", "bannr-os", main]);
        AssertSame(["--no-color", main]);
        AssertSame(["--diff", "--format", "sarif", main]);
    }

    [Fact]
    public void Output_file_and_terminal_width_are_the_same()
    {
        using var dir = new TempDir();
        var main = Path.Combine(TestPaths.TestData, "postfix", "debian-default", "main.cf");
        var native = RunNative(dir.Path, "--hostname", "mx.example.com", "--format", "json", "-o", "native.json", main);
        var library = CliRunner.RunReal("--hostname", "mx.example.com", "--format", "json", "-o", dir.File("library.json"), main);
        Assert.Equal((library.ExitCode, library.Stdout, library.Stderr), (native.ExitCode, native.Stdout, native.Stderr));
        Assert.Equal(dir.Read("library.json"), dir.Read("native.json"));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp")); // no temporary file left beside them

        File.Copy(main, dir.File("main.cf"));
        Assert.Equal(
            TerminalWrapTests.OnTerminal(ProcessSmokeTests.Executable, dir.Path, 50, "--hostname", "mx.example.com", "main.cf"),
            TerminalWrapTests.OnTerminal(Executable, dir.Path, 50, "--hostname", "mx.example.com", "main.cf"));
    }

    [Fact]
    public void A_policy_file_is_read_the_same_way()
    {
        using var dir = new TempDir();
        dir.Write("main.cf", "myhostname = mx.example.com\nsmtpd_banner = $myhostname ESMTP $mail_name\n# mtalint: disable=MTA301 -- tested elsewhere\ndisable_vrfy_command = no\n");
        dir.Write(".mtalint.yaml", "disable: [MTA206]\nseverity:\n  MTA103: error\nbanner:\n  template: \"$myhostname ESMTP\"\n  forbid: [Postfix]\n");
        dir.Write("bad/.mtalint.yaml", "disable: [MTA206\nseverity: {MTA103: loud}\n");
        dir.Write("bad/main.cf", "myhostname = mx.example.com\n");
        AssertSame([dir.File("main.cf")]);
        AssertSame(["--format", "json", dir.File("main.cf")]);
        AssertSame([dir.File("bad/main.cf")]);
        var bad = RunNative(dir.Path, "bad/main.cf");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("bad/.mtalint.yaml:2:1: error: not valid YAML", bad.Stderr);

        // Rule names in a policy and in suppressions, misspelt suppressions, a tab in the policy's indentation, an excluded file named.
        dir.Write("names/.mtalint.yaml", "disable: [tls-client-off]\nexclude: [legacy]\nseverity:\n  banner-software: error\n");
        dir.Write("names/main.cf", "myhostname = mx.example.com\n# mtalint: disable=banner-version -- kept\nsmtpd_banner = $myhostname ESMTP $mail_name $mail_version\n# mtalint-disable MTA301\ndisable_vrfy_command = no\n");
        dir.Write("names/legacy/main.cf", "myhostname = mx.example.com\n");
        dir.Write("tab/.mtalint.yaml", "disable: [MTA206]\n\tseverity: {MTA101: error}\n");
        dir.Write("tab/main.cf", "myhostname = mx.example.com\n");
        AssertSame([dir.File("names/main.cf"), dir.File("names/legacy/main.cf")]);
        AssertSame(["--format", "json", dir.File("names")]);
        AssertSame([dir.File("tab/main.cf")]);
        var tab = RunNative(dir.Path, "tab/main.cf");
        Assert.Equal(2, tab.ExitCode);
        Assert.Contains("tab/.mtalint.yaml:2:1: error: not valid YAML: a tab in the indentation; YAML indents with spaces only\n", tab.Stderr);
    }

    [Fact]
    public void A_probe_that_reaches_no_server_ends_the_same_way()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now: the connection is refused
        AssertSame(["probe", $"127.0.0.1:{port}", "--timeout", "5"]);
        var json = RunNative(Path.GetTempPath(), "probe", $"127.0.0.1:{port}", "--timeout", "5", "--format", "json"); // its times differ run to run
        Assert.Equal(2, json.ExitCode);
        Assert.Equal($"mtalint: probe: could not reach 127.0.0.1:{port}; nothing was checked\n", json.Stderr);
    }

    [Fact]
    public void Hostile_input_ends_the_same_way()
    {
        using var dir = new TempDir();
        dir.WriteBytes("binary/main.cf", [0, 1, 2, 0xff, 0xfe, (byte)'$', (byte)'{', 0]);
        dir.Write("deep/main.cf", "smtpd_banner = " + string.Concat(Enumerable.Repeat("${a:", 5000)) + "\n");
        dir.Write("loop/exim4.conf", ".include " + dir.File("loop/exim4.conf") + "\nbegin acl\n");
        dir.Write("m4/sendmail.mc", "define(`LOOP', `LOOP')dnl\nLOOP\n");
        foreach (var sub in new[] { "binary", "deep", "loop", "m4" })
        {
            AssertSame(["--hostname", "mx.example.com", dir.File(sub)]);
        }
    }

    [Fact]
    public void A_file_outside_the_tree_is_withheld_the_same_way()
    {
        // The tree check resolves symlinks through libc (realpath): the trimmed binary must too.
        using var dir = new TempDir();
        dir.Write("secret/key.pem", "-----BEGIN PRIVATE KEY-----\nMIIEcanary\n-----END PRIVATE KEY-----\n");
        dir.Write("secret/macros.conf", "PASSWORD = hunter2canary\n");
        dir.Write("repo/exim4.conf", $".include {dir.File("secret/key.pem")}\n");
        dir.Write("macro/exim4.conf", $".include {dir.File("secret/macros.conf")}\nsmtp_banner = PASSWORD\n");
        dir.Write("link/exim4.conf", ".include key.conf\n");
        File.CreateSymbolicLink(dir.File("link/key.conf"), dir.File("secret/key.pem"));
        foreach (var sub in new[] { "repo", "macro", "link" })
        {
            foreach (var format in Formats)
            {
                AssertSame(["--hostname", "mx.example.com", "--format", format, dir.File(sub)]);
            }

            AssertSame(["show", "--hostname", "mx.example.com", "--format", "json", dir.File(sub)]);
            Assert.DoesNotContain("canary", RunNative(dir.Path, "--hostname", "mx.example.com", dir.File(sub)).All);
        }
    }

    [Fact]
    public void A_probe_of_a_real_exim_finds_the_same()
    {
        using var exim = new EximDaemon();
        string[] args = ["probe", $"127.0.0.1:{exim.Port}", "--helo", "client.example.com", "--timeout", "10", "--format", "json"];
        var n = RunNative(Path.GetTempPath(), args);
        var l = CliRunner.RunReal(args);
        Assert.Equal(l.ExitCode, n.ExitCode);
        Assert.Equal(Findings(l.Stdout), Findings(n.Stdout));
        Assert.Contains(Findings(n.Stdout), f => f.StartsWith("MTA101 ", StringComparison.Ordinal)); // Exim's default greeting shows its version
        // The handshake ran in the native binary (OpenSSL through the trimmed interop).
        using var probe = JsonDocument.Parse(n.Stdout);
        Assert.StartsWith("Tls1", probe.RootElement.GetProperty("probe").GetProperty("tls").GetProperty("protocol").GetString());
    }

    /// <param name="input">Standard input for both (none when null).</param>
    private static void AssertSame(string[] args, byte[]? input = null)
    {
        Assert.True(File.Exists(Executable), $"the native mtalint is not built: {Executable} (run: bash scripts/publish.sh native)");
        var (exit, stdout, stderr) = ProcessSmokeTests.RunProgram(Executable, Directory.GetCurrentDirectory(), args, input); // SARIF names the working folder
        var native = new CliRunner.Result(exit, stdout, stderr);
        var library = input is null ? CliRunner.RunReal(args) : CliRunner.Run(new MtaLint.Cli.CliHost().WithInput(input), args);
        var what = "mtalint " + string.Join(' ', args);
        Assert.True(library.ExitCode == native.ExitCode, $"{what}: exit {native.ExitCode} native, {library.ExitCode} library\n{native.Stderr}");
        Assert.Equal(Mask(library.Stdout), Mask(native.Stdout));
        Assert.Equal(Mask(library.Stderr), Mask(native.Stderr));
        Assert.DoesNotContain("internal error", native.Stderr);
    }

    private static CliRunner.Result RunNative(string workingDirectory, params string[] args)
    {
        Assert.True(File.Exists(Executable), $"the native mtalint is not built: {Executable} (run: bash scripts/publish.sh native)");
        var (exit, stdout, stderr) = ProcessSmokeTests.RunProgram(Executable, workingDirectory, args);
        return new CliRunner.Result(exit, stdout, stderr);
    }

    /// <summary>Banners that show the time (Sendmail's <c>$b</c>, Exim's <c>$tod_full</c>) differ by the second between two runs.</summary>
    private static string Mask(string text) => TimeOfDay().Replace(text, "hh:mm:ss");

    [GeneratedRegex(@"\b\d{2}:\d{2}:\d{2}\b")]
    private static partial Regex TimeOfDay();

    private static string[] Findings(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Select(d => $"{d.GetProperty("rule").GetString()} {d.GetProperty("file").GetString()}:{d.GetProperty("line")}")
            .ToArray();
    }

    private static Dictionary<string, string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToBase64String(File.ReadAllBytes(f)));

    private static void Copy(string source, string target)
    {
        if (File.Exists(source))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            return;
        }

        Directory.CreateDirectory(target);
        foreach (var entry in Directory.EnumerateFileSystemEntries(source))
        {
            Copy(entry, Path.Combine(target, Path.GetFileName(entry)));
        }
    }
}
