using LtcHub.Domain.Common;
using System.Globalization;
using LtcHub.Infrastructure.Notifications;
using LtcHub.Infrastructure.Pdf;
using Microsoft.Extensions.Configuration;
using PdfSharp.Drawing;

namespace LtcHub.Infrastructure.Quotes;

/// <summary>A quote as a PDF in the customer's language, with the Chinese VAT layout: per line 金额 and 税额, then 价税合计.</summary>
public sealed class QuotePdf(PdfFonts fonts, IConfiguration configuration)
{
    public byte[] Render(QuoteView quote)
    {
        if (fonts.Missing is { Count: > 0 } missing)
        {
            throw new Domain.Common.DomainException("Error.PdfFontMissing", string.Join(", ", missing));
        }

        var english = quote.Culture == Languages.English;
        var culture = CultureInfo.GetCultureInfo(quote.Culture);
        string T(string key) => Texts.Get("pdf." + key, quote.Culture);
        string Money(decimal amount) => Texts.Money(amount, quote.Currency, quote.Culture);
        string Number(decimal value) => value.ToString("#,##0.##", culture);

        using var pdf = new PdfCanvas($"{T("Title")} {quote.Title}");
        var right = pdf.Width - PdfCanvas.Margin;
        pdf.Text(PdfCanvas.Margin, T("Title"), 22, bold: true);
        pdf.Text(right, english ? configuration["Company:NameEn"] ?? "LtcHub" : configuration["Company:Name"] ?? "LtcHub", 11, right: true);
        pdf.Y += 36;
        Field(T("Number"), $"{quote.Number}  ({T("Revision")} {quote.Revision})");
        Field(T("Date"), (quote.SentAtUtc ?? quote.CreatedAtUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Field(T("ValidUntil"), quote.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Field(T("To"), english ? quote.AccountEnglishName ?? quote.AccountName : quote.AccountName);
        if (quote.ContactName is { } contact)
        {
            Field(T("Attn"), contact);
        }

        pdf.Y += 10;

        // The lines: item | qty | unit | price | disc. | net | VAT | tax
        double[] at = [PdfCanvas.Margin, 250, 290, 360, 400, 470, 505, right];
        void Header()
        {
            pdf.Fill(PdfCanvas.Margin - 4, right - PdfCanvas.Margin + 8, 18, XColor.FromArgb(235, 239, 245));
            pdf.Y += 3;
            pdf.Text(at[0], T("Item"), 9, bold: true);
            string[] heads = [T("Qty"), T("Unit"), T("Price"), T("Discount"), T("Net"), T("Rate"), T("Tax")];
            for (var i = 0; i < heads.Length; i++)
            {
                if (i == 1)
                {
                    pdf.Text(at[2], heads[i], 9, bold: true);
                }
                else
                {
                    pdf.Text(i + 2 < at.Length ? at[i + 2] - 4 : right, heads[i], 9, bold: true, right: true);
                }
            }

            pdf.Y += 18;
        }

        Header();
        foreach (var line in quote.Lines)
        {
            var description = pdf.Wrap(line.Description, 9, at[1] - at[0] - 12);
            var height = 14 * description.Count + 4;
            if (pdf.Y + height > pdf.Bottom - 80)
            {
                pdf.NewPage();
                Header();
            }

            var top = pdf.Y;
            pdf.Text(at[1] - 4, Number(line.Quantity), 9, right: true);
            pdf.Text(at[2], line.Unit, 9);
            pdf.Text(at[3] - 4, line.UnitPrice.ToString("#,##0.00", culture), 9, right: true);
            pdf.Text(at[4] - 4, line.DiscountPercent == 0 ? "" : $"{Number(line.DiscountPercent)}%", 9, right: true);
            pdf.Text(at[5] - 4, line.Net.ToString("#,##0.00", culture), 9, right: true);
            pdf.Text(at[6] - 4, $"{Number(line.TaxRate)}%", 9, right: true);
            pdf.Text(right, line.Tax.ToString("#,##0.00", culture), 9, right: true);
            pdf.Y = top;
            pdf.Wrapped(at[0], string.Join('\n', description), 9, at[1] - at[0] - 12, 14);
            pdf.Y = top + height;
            pdf.Line(PdfCanvas.Margin, right, 0.25);
        }

        pdf.Need(90);
        pdf.Y += 8;
        Total(T("TotalNet"), Money(quote.Net), false);
        Total(T("TotalTax"), Money(quote.Tax), false);
        Total(T("Gross"), Money(quote.Gross), true);
        if (quote.Notes is { Length: > 0 } notes)
        {
            pdf.Need(40);
            pdf.Y += 12;
            pdf.Text(PdfCanvas.Margin, T("Notes"), 10, bold: true);
            pdf.Y += 16;
            pdf.Wrapped(PdfCanvas.Margin, notes, 9, right - PdfCanvas.Margin, 13);
        }

        return pdf.ToBytes();

        void Field(string label, string value)
        {
            pdf.Text(PdfCanvas.Margin, label, 10, bold: true);
            pdf.Text(PdfCanvas.Margin + 90, value, 10);
            pdf.Y += 16;
        }

        void Total(string label, string value, bool strong)
        {
            pdf.Text(right - 150, label, strong ? 11 : 10, bold: strong, right: true);
            pdf.Text(right, value, strong ? 11 : 10, bold: strong, right: true);
            pdf.Y += 18;
        }
    }
}
