using MtaLint.Tests.Infrastructure;
using MtaLint.Tests.Rules;

namespace MtaLint.Tests.Exim;

/// <summary>
/// The Exim examples of the rule docs are real Exim configs: the real Exim loads every one,
/// except the bad examples of rules about options Exim itself refuses (unknown, set twice).
/// </summary>
public class EximDocExampleTests
{
    private static readonly HashSet<string> EximRefusesBad = ["MTA304", "MTA305"];

    public static TheoryData<string, string, bool> Files()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var path in Directory.EnumerateFiles(TestPaths.Rules, "*.md").Order(StringComparer.Ordinal))
        {
            foreach (var example in RuleDocExamples.Parse(File.ReadAllText(path)))
            {
                foreach (var file in example.Files.Where(f => f.Dialect == "exim"))
                {
                    data.Add(Path.GetFileNameWithoutExtension(path), example.Heading, file.Bad);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Example_is_a_config_exim_loads(string id, string heading, bool bad)
    {
        var example = RuleDocExamples.Parse(File.ReadAllText(Path.Combine(TestPaths.Rules, id + ".md"))).Single(e => e.Heading == heading);
        var file = example.Files.Single(f => f.Dialect == "exim" && f.Bad == bad);
        var path = EximSyntaxTests.WriteTemp(file.Text);
        var check = EximTestHost.RunExim("-C", path, "-bV");
        if (bad && EximRefusesBad.Contains(id))
        {
            Assert.NotEqual(0, check.ExitCode);
        }
        else
        {
            Assert.True(check.ExitCode == 0, $"{id} \"{heading}\" ({(bad ? "bad" : "good")}): exim refuses it: {check.Stderr}");
        }
    }
}
