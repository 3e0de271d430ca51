using MtaLint.Syntax.Exim;
using MtaLint.Text;

namespace MtaLint.Model.Exim;

/// <summary>An option's value as written, read the way Exim reads it.</summary>
internal static class EximOptionValues
{
    /// <summary>The value of <paramref name="option"/>; a boolean as <c>true</c>/<c>false</c>, turned over by a <c>no_</c>/<c>not_</c> prefix.</summary>
    /// <param name="info">What the option table knows of it; null when nothing.</param>
    /// <param name="negated">The name was written with a <c>no_</c> or <c>not_</c> prefix.</param>
    public static string Raw(EximOption option, EximOptionInfo? info, bool negated)
    {
        if (info?.Type == EximOptionType.Bool)
        {
            if (option.Value is null)
            {
                return negated ? "false" : "true";
            }

            var b = EximOptionTable.Normalize(EximOptionType.Bool, option.Value.Text) ?? option.Value.Text;
            return negated ? b == "true" ? "false" : b == "false" ? "true" : b : b;
        }

        return option.Value?.Text ?? string.Empty;
    }

    /// <summary>Where an empty value written after <c>=</c> is: the end of the line.</summary>
    public static SourceSpan EmptyValueSpan(EximOption option)
    {
        var line = option.Line;
        return line.Text.DisplaySpan(line.Text.Length, 0) ?? line.File.Span(line.End, 0);
    }

    /// <summary>A driver option as written; a bare boolean is <c>true</c>.</summary>
    public static ConfigValue DriverSetting(EximOption option)
    {
        var written = option.Value;
        var span = written is null ? option.NameSpan : written.DisplaySpan(0, written.Length) ?? EmptyValueSpan(option);
        return new ConfigValue(option.Name, written?.Text ?? "true", span, option.Line.Text.DisplaySpan(0, option.Line.Text.Length),
            new EximSettingEditor(written, written is null ? null : span, null));
    }
}
