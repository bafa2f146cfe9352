using System.Text;
using System.Xml;

namespace Platform.Modules.Insights.Features.Exports;

/// <summary>Text made safe for an XML document (the workbook's and the SVG's): the characters XML cannot hold are dropped.</summary>
internal static class XmlText
{
    /// <summary>
    /// The text without control characters and lone surrogates, which an XML writer refuses; a
    /// character outside the basic plane (a rare Chinese character of a place name) is kept.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                clean.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                clean.Append(text[i]).Append(text[i + 1]);
                i++;
            }
        }

        return clean.Length == text.Length ? text : clean.ToString();
    }
}
