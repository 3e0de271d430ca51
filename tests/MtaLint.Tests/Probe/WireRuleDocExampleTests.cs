using System.Net;
using System.Text.RegularExpressions;
using MtaLint.Model;
using MtaLint.Probe;
using MtaLint.Rules;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Probe;

/// <summary>
/// Runs every transcript example of the wire rule docs (<c>```smtp-transcript bad|good</c>) for real:
/// a loopback server plays the server's lines, the probe talks to it, and the doc's rule must
/// fire on <c>bad</c> and stay silent on <c>good</c>.
/// </summary>
public partial class WireRuleDocExampleTests
{
    public static TheoryData<string, string, int> Examples()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var path in Directory.EnumerateFiles(TestPaths.Rules, "MTA4*.md").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            var blocks = Block().Matches(File.ReadAllText(path));
            for (var i = 0; i < blocks.Count; i++)
            {
                data.Add(id, blocks[i].Groups["kind"].Value, i);
            }
        }

        return data;
    }

    [Fact]
    public void Every_wire_rule_has_a_doc_and_the_transcript_examples_exist()
    {
        var wireRules = RuleCatalog.All.Where(r => r.Id.StartsWith("MTA4", StringComparison.Ordinal) && RuleDocs.Get(r.Id).Mtas.SequenceEqual(["wire"])).Select(r => r.Id).ToArray();
        Assert.Equal(14, wireRules.Length);
        Assert.True(Examples().Count >= 20, "the wire rule docs should carry at least 20 transcript examples");
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Examples))]
    public async Task Transcript_example_behaves_as_documented(string ruleId, string kind, int index)
    {
        var block = Block().Matches(File.ReadAllText(Path.Combine(TestPaths.Rules, ruleId + ".md")))[index];
        var script = SmtpScript.Parse(block.Groups["body"].Value);
        await using var server = new LoopbackServer(SmtpScript.Server(script));
        var result = await new SmtpProber().ProbeAsync(new ProbeOptions
        {
            Host = "mx.example.com",
            ConnectTo = [IPAddress.Loopback],
            Port = server.Port,
            HeloName = "client.example.org",
            StepTimeout = TimeSpan.FromSeconds(5),
            StartTls = script.Contains("C: STARTTLS") ? StartTlsMode.Auto : StartTlsMode.Off,
        }, TestContext.Current.CancellationToken);

        var rule = RuleCatalog.Find(ruleId)!;
        var findings = rule.Check(WireModel.Build(result.Session)).ToArray();
        var transcript = result.Session.Transcript.Text;
        if (kind == "bad")
        {
            Assert.True(findings.Length > 0, $"{ruleId} should fire on its bad example; transcript:\n{transcript}");
        }
        else
        {
            Assert.True(findings.Length == 0, $"{ruleId} should not fire on its good example: {string.Join("; ", findings.Select(f => f.Message))}\ntranscript:\n{transcript}");
        }
    }

    [GeneratedRegex(@"^```smtp-transcript (?<kind>bad|good)\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Block();
}
