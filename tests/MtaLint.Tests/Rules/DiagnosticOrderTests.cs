using MtaLint.Engine;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Tests.Rules;

/// <summary>The findings' sort by gathered keys is the comparer's order, ties kept as they came (what a stable sort by the comparer gives).</summary>
public sealed class DiagnosticOrderTests
{
    [Fact]
    public void Sorting_by_keys_gives_the_comparers_order_with_ties_in_input_order()
    {
        var files = new[] { new SourceFile("b/main.cf", new string('x', 200)), new SourceFile("a/main.cf", new string('y', 200)), new SourceFile("a/master.cf", new string('z', 200)) };
        var random = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            var diagnostics = new List<Diagnostic>();
            for (var i = 0; i < random.Next(0, 300); i++)
            {
                var file = files[random.Next(files.Length)];
                var at = random.Next(4) == 0 ? null : file.Span(random.Next(0, 20), 1);
                var finding = new Finding(file, at, $"message {random.Next(3)}", [$"note {i}"], null);
                diagnostics.Add(new Diagnostic($"MTA30{random.Next(3)}", "name", Severity.Warning, finding));
            }

            var expected = diagnostics.OrderBy(d => d, DiagnosticOrder.Instance).ToList();
            DiagnosticOrder.Sort(diagnostics);
            Assert.Equal(expected, diagnostics);
        }
    }
}
