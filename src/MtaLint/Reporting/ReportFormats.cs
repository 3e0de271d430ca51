namespace MtaLint.Reporting;

/// <summary>The output formats a run can use, by name. Each run builds its own (no shared mutable state).</summary>
public sealed class ReportFormats
{
    private readonly List<IReportFormatter> _formatters = [];

    /// <summary>Every format mtalint ships. New formats are added here, and <c>--format</c> accepts them.</summary>
    public static ReportFormats CreateDefault() => new ReportFormats()
        .Add(new TextFormatter())
        .Add(new JsonFormatter())
        .Add(new SarifFormatter())
        .Add(new GitHubFormatter())
        .Add(new JUnitFormatter())
        .Add(new GitLabFormatter());

    public IReadOnlyList<IReportFormatter> All => _formatters;

    public IEnumerable<string> Names => _formatters.Select(f => f.Name);

    public ReportFormats Add(IReportFormatter formatter)
    {
        if (Find(formatter.Name) is not null)
        {
            throw new ArgumentException($"format '{formatter.Name}' is already registered", nameof(formatter));
        }

        _formatters.Add(formatter);
        return this;
    }

    public IReportFormatter? Find(string name) =>
        _formatters.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
