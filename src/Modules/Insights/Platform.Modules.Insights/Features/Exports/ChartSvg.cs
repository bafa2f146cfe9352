using System.Globalization;
using System.Text;
using System.Xml;

namespace Platform.Modules.Insights.Features.Exports;

/// <summary>
/// Writes a <see cref="ChartLayout"/> as SVG: one element per shape in paint order, each with a
/// <c>class</c> naming its kind (a bar also carries its indicator code and status as <c>data-</c>
/// attributes), text escaped by the XML writer, and a font list that finds a Chinese font on Windows,
/// macOS and Linux.
/// </summary>
internal static class ChartSvg
{
    public const string ContentType = "image/svg+xml";

    public const string Namespace = "http://www.w3.org/2000/svg";

    /// <summary>Chinese fonts first (Linux, macOS, Windows), then the generic family.</summary>
    public const string FontFamily = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', SimHei, sans-serif";

    public static string Write(ChartLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var svg = new StringBuilder();
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, NewLineChars = "\n" };
        using (var xml = XmlWriter.Create(svg, settings))
        {
            xml.WriteStartElement("svg", Namespace);
            Attribute(xml, "width", layout.Width);
            Attribute(xml, "height", layout.Height);
            xml.WriteAttributeString("viewBox", string.Create(CultureInfo.InvariantCulture, $"0 0 {layout.Width} {layout.Height}"));
            xml.WriteAttributeString("role", "img");
            xml.WriteAttributeString("aria-label", XmlText.Clean(layout.Title));
            xml.WriteAttributeString("font-family", FontFamily);
            xml.WriteElementString("title", Namespace, XmlText.Clean(layout.Title));
            foreach (var shape in layout.Shapes)
            {
                WriteShape(xml, shape);
            }

            xml.WriteEndElement();
        }

        return svg.Append('\n').ToString();
    }

    private static void WriteShape(XmlWriter xml, ChartShape shape)
    {
        switch (shape)
        {
            case ChartRect rect:
                xml.WriteStartElement("rect", Namespace);
                xml.WriteAttributeString("class", rect.Kind);
                Attribute(xml, "x", rect.X);
                Attribute(xml, "y", rect.Y);
                Attribute(xml, "width", rect.Width);
                Attribute(xml, "height", rect.Height);
                xml.WriteAttributeString("fill", rect.Fill);
                if (rect.Key is not null)
                {
                    xml.WriteAttributeString("data-code", XmlText.Clean(rect.Key));
                }

                if (rect.Status is not null)
                {
                    xml.WriteAttributeString("data-status", XmlText.Clean(rect.Status));
                }

                xml.WriteEndElement();
                break;
            case ChartLine line:
                xml.WriteStartElement("line", Namespace);
                xml.WriteAttributeString("class", line.Kind);
                Attribute(xml, "x1", line.X1);
                Attribute(xml, "y1", line.Y1);
                Attribute(xml, "x2", line.X2);
                Attribute(xml, "y2", line.Y2);
                xml.WriteAttributeString("stroke", line.Stroke);
                Attribute(xml, "stroke-width", line.StrokeWidth);
                if (line.Key is not null)
                {
                    xml.WriteAttributeString("data-code", XmlText.Clean(line.Key));
                }

                xml.WriteEndElement();
                break;
            case ChartText text:
                xml.WriteStartElement("text", Namespace);
                xml.WriteAttributeString("class", text.Kind);
                Attribute(xml, "x", text.X);
                Attribute(xml, "y", text.Y);
                Attribute(xml, "font-size", text.Size);
                xml.WriteAttributeString("fill", text.Fill);
                if (text.Anchor != ChartAnchor.Start)
                {
                    xml.WriteAttributeString("text-anchor", text.Anchor == ChartAnchor.Middle ? "middle" : "end");
                }

                if (text.Bold)
                {
                    xml.WriteAttributeString("font-weight", "bold");
                }

                xml.WriteString(XmlText.Clean(text.Content));
                xml.WriteEndElement();
                break;
            default:
                throw new NotSupportedException($"No SVG for {shape.GetType().Name}.");
        }
    }

    private static void Attribute(XmlWriter xml, string name, double value) =>
        xml.WriteAttributeString(name, value.ToString("0.##", CultureInfo.InvariantCulture));
}
