namespace MtaLint.Policy;

/// <summary>
/// Finds the <c>.mtalint.yaml</c> that governs a path: in its folder or the nearest parent.
/// Kept apart from <see cref="ProjectConfigReader"/> so that a run without a config file never
/// loads the YAML library (start-up time).
/// </summary>
public static class ProjectConfigLocator
{
    /// <summary>The nearest config file for <paramref name="path"/> (a file or folder), or null.</summary>
    public static string? Find(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Directory.Exists(full) ? new DirectoryInfo(full) : new FileInfo(full).Directory;
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, ProjectConfig.FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        return null;
    }
}
