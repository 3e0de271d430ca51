using MtaLint.Tests.Infrastructure;
using NJsonSchema;

namespace MtaLint.Tests.Ecosystem;

/// <summary>Validates JSON documents against the official SARIF schema and mtalint's own report schema (NJsonSchema).</summary>
internal static class SchemaValidation
{
    private static readonly Lazy<JsonSchema> Sarif = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(TestPaths.Schemas, "sarif-schema-2.1.0.json"))).GetAwaiter().GetResult());

    private static readonly Lazy<JsonSchema> Report = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "schemas", "mtalint-report.schema.json"))).GetAwaiter().GetResult());

    public static IReadOnlyList<string> ValidateSarif(string json) => Describe(Sarif.Value.Validate(json));

    public static IReadOnlyList<string> ValidateReport(string json) => Describe(Report.Value.Validate(json));

    public static void AssertValidSarif(string json)
    {
        var errors = ValidateSarif(json);
        Assert.True(errors.Count == 0, "SARIF not valid against sarif-schema-2.1.0.json:\n" + string.Join("\n", errors) + "\n" + json);
    }

    public static void AssertValidReport(string json)
    {
        var errors = ValidateReport(json);
        Assert.True(errors.Count == 0, "JSON report not valid against schemas/mtalint-report.schema.json:\n" + string.Join("\n", errors) + "\n" + json);
    }

    private static IReadOnlyList<string> Describe(ICollection<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(Flatten).ToArray();

    /// <summary>The innermost errors too: a failed <c>oneOf</c>/<c>anyOf</c> only says which branch failed in its children.</summary>
    private static IEnumerable<string> Flatten(NJsonSchema.Validation.ValidationError error)
    {
        yield return $"{error.Path}: {error.Kind} ({error.Property}) at line {error.LineNumber}";
        var children = error switch
        {
            NJsonSchema.Validation.ChildSchemaValidationError child => child.Errors.SelectMany(e => e.Value),
            NJsonSchema.Validation.MultiTypeValidationError multi => multi.Errors.SelectMany(e => e.Value),
            _ => [],
        };
        foreach (var inner in children.SelectMany(Flatten))
        {
            yield return "  " + inner;
        }
    }
}
