using MtaLint.Cli;
using MtaLint.Engine;
using MtaLint.Rules;

using System.Diagnostics;

namespace MtaLint.Tests.Cli;

/// <summary>Runs git in a test folder; a failure fails the test with git's message.</summary>
internal static class GitCli
{
    public static void Run(string folder, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        psi.Environment["GIT_CEILING_DIRECTORIES"] = "/"; // a test folder is its own repository, never part of one around it
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(" ", args)}: {err.Result}");
    }
}

/// <summary>Runs the CLI in-process with captured output.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;

        /// <summary>The output with a folder replaced by a stable token, for snapshots.</summary>
        public string Normalized(string folder, string token = "<dir>") =>
            $"exit {ExitCode}\n--- stdout\n{Stdout.Replace(folder, token)}--- stderr\n{Stderr.Replace(folder, token)}";
    }

    /// <summary>The fake dialect and the fake rules (<see cref="FakeRule"/>, <see cref="FakeInfoRule"/>, <see cref="ThrowingRule"/>).</summary>
    public static CliHost FakeHost(bool terminal = false, string? noColor = null, int? width = null) => new(
        terminal,
        noColor,
        [new FakeDialect()],
        new RuleSet(
            [new FakeRule(), new FakeInfoRule(), new ThrowingRule()],
            new Dictionary<string, Severity> { [FakeRule.RuleId] = Severity.Warning, [FakeInfoRule.RuleId] = Severity.Info, ["MTA903"] = Severity.Error }),
        width);

    /// <summary><paramref name="host"/> reading <paramref name="input"/> as its standard input.</summary>
    public static CliHost WithInput(this CliHost host, string input) => host.WithInput(System.Text.Encoding.UTF8.GetBytes(input));

    /// <inheritdoc cref="WithInput(CliHost, string)"/>
    public static CliHost WithInput(this CliHost host, byte[] input) => host with { StandardInput = () => new MemoryStream(input, writable: false) };

    public static Result Run(params string[] args) => Run(FakeHost(), args);

    public static Result Run(CliHost host, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = MtaLint.Cli.Cli.Run(args, stdout, stderr, host);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The real dialects and rules, as the shipped binary runs them.</summary>
    public static Result RunReal(params string[] args) => Run(new CliHost(), args);

    /// <summary>The real CLI with stdout as bytes, through a UTF-8 stream writer as the shipped binary has it (a --diff of a Latin-1 file holds Latin-1 bytes).</summary>
    public static (int ExitCode, byte[] Stdout, string Stderr) RunRealBytes(params string[] args) => RunBytes(new CliHost(), args);

    /// <inheritdoc cref="RunRealBytes"/>
    public static (int ExitCode, byte[] Stdout, string Stderr) RunBytes(CliHost host, params string[] args)
    {
        using var bytes = new MemoryStream();
        var stdout = new StreamWriter(bytes, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = MtaLint.Cli.Cli.Run(args, stdout, stderr, host);
        stdout.Flush();
        return (code, bytes.ToArray(), stderr.ToString());
    }
}

/// <summary>A temporary folder, removed (with any read-only bits cleared first) when disposed.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mtalint-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text) => WriteBytes(name, System.Text.Encoding.UTF8.GetBytes(text));

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public string Read(string name) => System.IO.File.ReadAllText(File(name));

    public byte[] ReadBytes(string name) => System.IO.File.ReadAllBytes(File(name));

    public void Dispose()
    {
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories).Append(Path))
            {
                System.IO.File.SetUnixFileMode(entry, System.IO.File.GetUnixFileMode(entry) | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test for.
        }
    }
}
