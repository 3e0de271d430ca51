using MtaLint.Syntax.Templates;
using MtaLint.Syntax.Templates.Variables;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>
/// Finds and reads the defaults beside a template: the folder above its nearest <c>templates</c> folder is the
/// Ansible role, Puppet module or Chef cookbook. Ansible (Jinja2 run by Ansible): <c>defaults/main.yml</c> (or
/// <c>.yaml</c>, or the files of <c>defaults/main/</c> in name order), then <c>vars/main.yml</c> on top (vars win, as in
/// Ansible's precedence). Puppet: <c>manifests/params.pp</c> and <c>manifests/init.pp</c>. Chef:
/// <c>attributes/default.rb</c>. A file that cannot be read gives a warning; no file gives <see cref="TemplateVariables.Empty"/>.
/// In Dialects, beside <see cref="IncludedFiles"/>, which reads a config's neighbours too: the template is read
/// inside its dialect, and Workspace may not name the Syntax types the variables are made of.
/// </summary>
public static class TemplateDefaults
{
    /// <summary>Largest defaults file read (beyond it: a warning, its variables unknown).</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Lowest precedence first: a later folder's variable wins.</summary>
    private static readonly string[] AnsibleFolders = ["defaults", "vars"];

    private static readonly string[] AnsibleMain = ["main.yml", "main.yaml", "main.json", "main"];

    /// <summary>params.pp first: a parameter of init.pp may take its default from it.</summary>
    private static readonly string[] PuppetManifests = ["params.pp", "init.pp"];

    /// <param name="known">Files already read (a defaults file as a fix changed it, see <c>DefaultsFixes</c>): taken by path before the disk.</param>
    public static TemplateVariables For(string templatePath, TemplateOptions options, IReadOnlyList<SourceFile>? known = null)
    {
        if (RootOf(templatePath) is not { } root)
        {
            return TemplateVariables.Empty;
        }

        switch (options)
        {
            case JinjaOptions { Host: "Ansible" }:
                var result = TemplateVariables.Empty;
                foreach (var folder in AnsibleFolders)
                {
                    foreach (var file in AnsibleFiles(Path.Combine(root, folder)))
                    {
                        result = result.Then((known?.FirstOrDefault(k => k.Path == file) ?? Read(file)) is { } source ? AnsibleVarsReader.Read(source) : Unreadable(file));
                    }
                }

                return result;
            case ErbOptions { Host: "Chef" }:
                var attributes = Path.Combine(root, "attributes", "default.rb");
                return File.Exists(attributes) ? Read(attributes) is { } rb ? ChefAttributesReader.Read(rb) : Unreadable(attributes) : TemplateVariables.Empty;
            case ErbOptions { Host: "Puppet" }:
                var manifests = PuppetManifests.Select(n => Path.Combine(root, "manifests", n)).Where(File.Exists).ToArray();
                var read = manifests.Select(Read).OfType<SourceFile>().ToArray();
                var variables = manifests.Length == 0 ? TemplateVariables.Empty : PuppetDefaultsReader.Read(read);
                return read.Length == manifests.Length ? variables : variables.Then(Unreadable(manifests.First(m => read.All(r => r.Path != m))));
            default:
                return TemplateVariables.Empty;
        }
    }

    /// <summary>The folder that holds the nearest <c>templates</c> folder above the template, null when there is none.</summary>
    /// <remarks>
    /// A relative template path gives a relative root (from the working directory), so the defaults' paths read as the template's do.
    /// </remarks>
    public static string? RootOf(string templatePath)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(templatePath));
        while (dir is not null)
        {
            if (Path.GetFileName(dir) == "templates" && Path.GetDirectoryName(dir) is { } root)
            {
                return Path.IsPathRooted(templatePath) ? root : Path.GetRelativePath(Directory.GetCurrentDirectory(), root);
            }

            dir = Path.GetDirectoryName(dir);
        }

        return null;
    }

    /// <summary>Ansible's <c>main</c> of a vars folder: the file <c>main.yml</c>/<c>main.yaml</c>/<c>main</c>, else the files of the folder <c>main/</c> in name order.</summary>
    private static IEnumerable<string> AnsibleFiles(string folder)
    {
        foreach (var name in AnsibleMain)
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                return [path];
            }
        }

        var dir = Path.Combine(folder, "main");
        return Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir).Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    private static SourceFile? Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxBytes)
            {
                return null;
            }

            var input = InputFile.Read(path, out var error);
            return error is null ? input.Source : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static TemplateVariables Unreadable(string path)
    {
        long length = 0;
        try
        {
            length = new FileInfo(path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        var why = length > MaxBytes ? $"larger than {MaxBytes / 1024} KiB" : "cannot be read";
        var file = new SourceFile(path, "");
        return new TemplateVariables(VariableSource.None, [], [new SyntaxError(file.Span(0, 0), $"the variables file {why}; its variables are not read")]);
    }
}
