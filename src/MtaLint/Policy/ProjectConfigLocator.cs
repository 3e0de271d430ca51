namespace MtaLint.Policy;

/// <summary>
/// Finds the <c>.mtalint.yaml</c> that governs a path: in its folder or the nearest parent.
/// Kept apart from <see cref="ProjectConfigReader"/> so that a run without a config file never
/// loads the YAML library (start-up time). Each folder's answer is remembered, and a folder's
/// answer builds on its parent's: a walk over 10,000 folders looks once at each, not once per
/// ancestor of each.
/// </summary>
internal sealed class ProjectConfigLocator
{
    private readonly Dictionary<string, string?> _byFolder = new(StringComparer.Ordinal);

    /// <summary>The nearest config file for <paramref name="path"/> (a file or folder), or null.</summary>
    public string? Find(string path)
    {
        var full = Path.GetFullPath(path);
        return InFolder(Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? full);
    }

    private string? InFolder(string folder)
    {
        if (_byFolder.TryGetValue(folder, out var found))
        {
            return found;
        }

        var candidate = Path.Combine(folder, ProjectConfig.FileName);
        var parent = Path.GetDirectoryName(folder);
        found = File.Exists(candidate) ? candidate : parent is null || parent == folder ? null : InFolder(parent);
        _byFolder[folder] = found;
        return found;
    }
}
