namespace MtaLint.Policy;

/// <summary>A mistake in <c>.mtalint.yaml</c>, with where it is (1-based line and column).</summary>
public sealed class ProjectConfigException(string path, int line, int column, string message)
    : Exception($"{path}:{line}:{column}: {message}")
{
    public string Path { get; } = path;

    public int Line { get; } = line;

    public int Column { get; } = column;

    public string Problem { get; } = message;
}
