namespace MtaLint.Tests.Sendmail;

/// <summary>
/// Real m4 with Debian's sendmail-cf builds the .cf from each .mc; mtalint's greeting and privacy
/// flags must be the ones the .cf gets (<c>O SmtpGreetingMessage=</c>, <c>O PrivacyOptions=</c>).
/// </summary>
public class SendmailOracleTests
{
    public static TheoryData<string> Files => SendmailTestFiles.Names(SendmailTestFiles.TestData.Concat(SendmailTestFiles.LiteralCorpus).Concat(SendmailTestFiles.DebianExamples));

    [Theory]
    [MemberData(nameof(Files))]
    public void Greeting_and_privacy_flags_agree_with_m4(string path)
    {
        var cf = SendmailTestFiles.BuildCf(SendmailTestFiles.Full(path));
        Assert.NotNull(cf);
        var config = SendmailTestFiles.Analyze(SendmailTestFiles.Read(path));
        var banner = config.Services[0].Banner;
        var greeting = SendmailTestFiles.CfOption(cf, "SmtpGreetingMessage") ?? Model.Sendmail.SendmailCfKnowledge.BinaryDefaultGreeting;
        Assert.Equal(greeting, banner.Setting.Expanded);
        Assert.Equal(SendmailTestFiles.CfOption(cf, "PrivacyOptions"), config.Services[0].Vrfy.Setting.Expanded);

        // One listener per DaemonPortOptions line, named as sendmail reads the line (the last Name= wins).
        var daemons = cf.Split('\n').Where(l => l.StartsWith("O DaemonPortOptions=", StringComparison.Ordinal))
            .Select(l => l["O DaemonPortOptions=".Length..].Split(',').Select(p => p.Trim()).LastOrDefault(p => p.StartsWith("Name=", StringComparison.OrdinalIgnoreCase))?[5..] ?? "MTA")
            .ToArray();
        Assert.Equal(daemons, config.Services.Select(s => s.Name));
    }

    [Fact]
    public void A_megabyte_greeting_is_read_as_m4_reads_it()
    {
        // The expansion budget grows with the file: a big file is not a macro that expands without end.
        var path = Path.Combine(Directory.CreateTempSubdirectory("mtalint-mc-").FullName, "sendmail.mc");
        File.WriteAllText(path, MtaLint.Benchmarks.LargeConfigs.SendmailLongLine(1 << 20));
        try
        {
            var cf = SendmailTestFiles.BuildCf(path);
            Assert.NotNull(cf);
            var config = SendmailTestFiles.Analyze(SendmailTestFiles.Read(path));
            Assert.Equal(SendmailTestFiles.CfOption(cf, "SmtpGreetingMessage"), config.Services[0].Banner.Setting.Expanded);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void Debian_style_files_are_built_the_debian_way()
    {
        var files = SendmailTestFiles.TestData.Concat(SendmailTestFiles.Corpus).Concat(SendmailTestFiles.DebianExamples)
            .Where(f => SendmailTestFiles.IncludesDebianCfM4(File.ReadAllText(f))).ToList();
        Assert.True(files.Count >= 5, $"{files.Count} files");
    }

    [Fact]
    public void Every_corpus_and_testdata_file_goes_through_m4()
    {
        var files = SendmailTestFiles.TestData.Concat(SendmailTestFiles.LiteralCorpus).ToList();
        var accepted = files.Count(f => SendmailTestFiles.BuildCf(f) is not null);
        TestContext.Current.SendDiagnosticMessage($"m4 accepted {accepted} of {files.Count} .mc files");
        Assert.Equal(files.Count, accepted);
    }
}

