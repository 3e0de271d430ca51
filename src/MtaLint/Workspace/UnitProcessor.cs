using MtaLint.Dialects;
using MtaLint.Engine;
using MtaLint.Fixes;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Workspace;

/// <summary>A file whose text a fix changed.</summary>
/// <param name="Written">True when the new text is on disk (mode <see cref="RunMode.Fix"/> and the write succeeded).</param>
public sealed record FileChange(SourceFile Before, SourceFile After, bool Written);

/// <summary>A problem that is not a finding: a write refused, fixes that did not settle or broke a file.</summary>
/// <param name="IsError">True when it makes the run fail with exit code 2.</param>
public sealed record RunProblem(string Path, string Message, bool IsError = true);

/// <summary>The outcome of one unit.</summary>
/// <param name="Diagnostics">The findings to report: after fixing when fixes were written, else on the files as read.</param>
/// <param name="Applied">Fixes applied (written in <see cref="RunMode.Fix"/>, proposed in <see cref="RunMode.Diff"/>).</param>
/// <param name="Lint">The lint result the diagnostics come from (its model is null when the files did not parse).</param>
public sealed record UnitOutcome(
    ConfigUnit Unit,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<Diagnostic> Applied,
    IReadOnlyList<FileChange> Changes,
    IReadOnlyList<RunProblem> Problems,
    LintResult? Lint);

/// <summary>Text read from standard input in place of the file <paramref name="Path"/> (<c>mtalint - --stdin-filename PATH</c>).</summary>
public sealed record StandardInput(string Path, byte[] Bytes);

/// <summary>
/// Reads a unit's files, lints or fixes them, and writes fixed files atomically. The CLI,
/// the probe and editor integrations share it; it knows nothing of output formats.
/// </summary>
/// <param name="tree">
/// Where fixes may write besides the unit's own files: a file the unit includes is fixed only when it
/// lies in the tree (an <c>.include /etc/exim4/x</c> read where it says, or <c>../../shared.conf</c>, is
/// read and judged, never written). Null: every file the unit reads.
/// </param>
/// <param name="standardInput">Text that stands in for one file of the unit; fixes then edit only it, and nothing is written.</param>
public sealed class UnitProcessor(Linter linter, RunMode mode, bool unsafeFixes, LintedTree? tree = null, StandardInput? standardInput = null)
{
    /// <summary>Reads every file of a unit (<see cref="ConfigUnit.Files"/>); <paramref name="unreadable"/> gets an MTA000 diagnostic for each that cannot be read.</summary>
    /// <param name="standardInput">Text to take for its path instead of reading the file.</param>
    public static IReadOnlyList<InputFile> ReadUnit(ConfigUnit unit, out IReadOnlyList<Diagnostic> unreadable, StandardInput? standardInput = null)
    {
        var inputs = new List<InputFile>(unit.Files.Count);
        var errors = new List<Diagnostic>();
        foreach (var path in unit.Files)
        {
            string? error;
            var input = standardInput is not null && path == standardInput.Path
                ? InputFile.FromBytes(path, standardInput.Bytes, out error)
                : InputFile.Read(path, out error);
            if (error is not null)
            {
                errors.Add(Unreadable(path, error));
            }

            inputs.Add(input);
        }

        unreadable = errors;
        return inputs;
    }

    public UnitOutcome Process(ConfigUnit unit)
    {
        var inputs = ReadUnit(unit, out var unreadable, standardInput).ToList();
        if (unreadable.Count > 0)
        {
            // A unit is read as one config: without all its files the model would be wrong.
            return new UnitOutcome(unit, unreadable, [], [], [], null);
        }

        // A file read outside the tree (a fragment that is a symlink out of it, or a folder on a named path
        // swapped for a symlink since the run started) is judged as the MTA reads it, but never quoted or written.
        var outside = OutsideTree(inputs);
        var roots = inputs.Take(unit.Paths.Count).Select(i => i.Source).ToArray();
        var lint = linter.Lint(unit.Dialect, roots, inputs.Skip(unit.Paths.Count).Select(i => i.Source).ToArray());
        // The role defaults a template's values came from: a fix may edit one, when it is read inside the tree.
        var defaults = DefaultsFiles(lint, inputs).ToArray();
        var defaultsOutside = OutsideTree(defaults);
        defaults = defaults.Where(d => !defaultsOutside.Contains(d.Source.Path) && (tree is null || tree.Contains(d.Source.Path))).ToArray();
        if (mode == RunMode.Check)
        {
            lint = new DefaultsFixes(linter, unit.Dialect).Resolve(lint, [.. inputs.Select(i => i.Source), .. defaults.Select(d => d.Source)], roots.Length);
            return new UnitOutcome(unit, lint.Diagnostics, [], [], [], lint);
        }

        // Files the dialect read on its own (a Sendmail include): fixed, and written, with the unit's.
        // An included file outside the tree is left out: the dialect reads it again, unchanged.
        var byDialect = ReadByDialect(lint, inputs).ToArray();
        outside.UnionWith(OutsideTree(byDialect));
        inputs.AddRange(byDialect);
        inputs.AddRange(defaults.Where(d => inputs.All(i => Path.GetFullPath(i.Source.Path) != Path.GetFullPath(d.Source.Path))));
        inputs = [.. inputs.Take(roots.Length), .. inputs.Skip(roots.Length).Where(i => tree is null || tree.Contains(i.Source.Path))];
        var files = inputs.Select(i => i.Source).ToArray();
        IReadOnlySet<string>? editable = standardInput is not null
            ? new HashSet<string>(StringComparer.Ordinal) { standardInput.Path }
            : outside.Count > 0 ? files.Select(f => f.Path).Where(p => !outside.Contains(p)).ToHashSet(StringComparer.Ordinal) : null;
        var fixer = new Fixer(linter, unsafeFixes, editable);
        var result = fixer.Fix(unit.Dialect, roots, files[roots.Length..]);
        var problems = new List<RunProblem>();
        if (result.Problem is not null || !result.Converged)
        {
            problems.Add(new RunProblem(unit.DisplayName, result.Problem ?? $"fixes did not settle after {Fixer.MaxPasses} passes"));
        }

        foreach (var path in outside.Where(p => result.Remaining.Diagnostics.Any(d => d.Fix is { } fix && (fix.Safety != FixSafety.Unsafe || unsafeFixes) && fix.Edits.Any(e => e.File.Path == p))))
        {
            problems.Add(new RunProblem(path, "not fixed: the file read there lies outside the folders and files named (a symlink out of them, or a folder on the way replaced by one since mtalint started); mtalint writes only inside them"));
        }

        var changed = result.ChangedFiles(files).ToArray();
        if (mode == RunMode.Diff || changed.Length == 0 || standardInput is not null)
        {
            return new UnitOutcome(unit, result.Remaining.Diagnostics, result.Applied,
                changed.Select(c => new FileChange(c.Before, c.After, Written: false)).ToArray(), problems, result.Remaining);
        }

        var changes = new List<FileChange>();
        var failed = false;
        foreach (var (before, after) in changed)
        {
            var original = inputs.First(i => ReferenceEquals(i.Source, before));
            if (failed)
            {
                changes.Add(new FileChange(before, after, Written: false));
                continue;
            }

            try
            {
                AtomicFileWriter.Replace(before.Path, after.Encode(), original);
                changes.Add(new FileChange(before, after, Written: true));
            }
            catch (FileWriteException e)
            {
                // Stop at the first failure: the files of a unit are one config.
                problems.Add(new RunProblem(before.Path, e.Message));
                changes.Add(new FileChange(before, after, Written: false));
                failed = true;
            }
        }

        if (failed && changes.Any(c => c.Written))
        {
            problems.Add(new RunProblem(unit.DisplayName,
                "only some files of this config were fixed: " + string.Join(", ", changes.Where(c => c.Written).Select(c => c.Before.Path))));
        }

        if (failed)
        {
            // Report what is on disk: the findings of the files as they are now.
            var current = files.Select(f => changes.FirstOrDefault(c => c.Written && c.Before.Path == f.Path)?.After ?? f).ToArray();
            var now = linter.Lint(unit.Dialect, current[..roots.Length], current[roots.Length..]);
            return new UnitOutcome(unit, now.Diagnostics, result.Applied.Where(d => changes.Any(c => c.Written && c.Before.Path == d.Path)).ToArray(), changes, problems, now);
        }

        return new UnitOutcome(unit, result.Remaining.Diagnostics, result.Applied, changes, problems, result.Remaining);
    }

    /// <summary>
    /// The files the model was read from that the unit did not list (a file a Sendmail .mc includes),
    /// read again as the workspace reads files, so that a fix to one is written safely; those that
    /// cannot be read now are left out (their fixes then cannot apply).
    /// </summary>
    private static IEnumerable<InputFile> ReadByDialect(LintResult lint, IReadOnlyList<InputFile> inputs)
    {
        var known = inputs.Select(i => Path.GetFullPath(i.Source.Path)).ToHashSet(StringComparer.Ordinal);
        foreach (var file in lint.Config?.Files ?? [])
        {
            if (!known.Add(Path.GetFullPath(file.Path)))
            {
                continue;
            }

            var input = InputFile.Read(file.Path, out var error);
            if (error is null && input.Source.Text == file.Text)
            {
                yield return input;
            }
        }
    }

    /// <summary>
    /// The defaults files (an Ansible role's <c>defaults/main.yml</c>) a template's values came from, read again as the
    /// workspace reads files, so that a fix to one is written as safely as a config; those that cannot be read now, or
    /// read otherwise than the dialect read them, are left out (their fixes then cannot apply).
    /// </summary>
    private static IEnumerable<InputFile> DefaultsFiles(LintResult lint, IReadOnlyList<InputFile> inputs)
    {
        var origins = lint.Config?.Template?.Tags.SelectMany(t => t.From).Select(o => o.At.File).DistinctBy(f => f.Path) ?? [];
        foreach (var file in origins)
        {
            if (inputs.Any(i => i.Source.Path == file.Path))
            {
                continue;
            }

            var input = InputFile.Read(file.Path, out var error);
            if (error is null && input.Source.Text == file.Text)
            {
                yield return input;
            }
        }
    }

    /// <summary>The paths of <paramref name="inputs"/> whose read led outside the tree; the tree withholds their text from reports from now on.</summary>
    private HashSet<string> OutsideTree(IEnumerable<InputFile> inputs)
    {
        var outside = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (tree is not null && !tree.HoldsRead(input.Location))
            {
                outside.Add(input.Source.Path);
                tree.Withhold(input.Source.Path);
            }
        }

        return outside;
    }

    /// <summary>A file that cannot be read is reported like unparsable input: rule MTA000, exit code 2.</summary>
    public static Diagnostic Unreadable(string path, string reason) => InputError(path, "cannot read the file: " + reason);

    /// <summary>An input that cannot be used (missing, unreadable, not a config): rule MTA000, exit code 2.</summary>
    public static Diagnostic InputError(string path, string message) =>
        new(Linter.SyntaxErrorId, "syntax-error", Severity.Error, Finding.InFile(new SourceFile(path, string.Empty), message));
}
