using System.Text;
using MtaLint.Cli;

// Buffered: a run over many files writes many lines; Cli flushes before it returns.
using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
return Cli.Run(args, stdout, Console.Error, CliHost.FromConsole());
