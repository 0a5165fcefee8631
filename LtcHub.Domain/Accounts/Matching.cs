using System.Text;

namespace LtcHub.Domain.Accounts;

/// <summary>
/// How the duplicate check (查重) compares what people type: company names without their legal-form
/// suffix, brackets, spaces, width or a leading place name; phone numbers without +86, spaces or dashes;
/// e-mail addresses without case. Two records whose keys are equal are the same company, phone or address.
/// </summary>
public static class Matching
{
    // Longest first, so 股份有限公司 goes before 有限公司.
    private static readonly string[] Suffixes =
    [
        "股份有限公司", "有限责任公司", "集团股份有限公司", "集团有限公司", "控股有限公司", "有限公司", "股份公司",
        "控股集团", "集团公司", "集团", "公司", "分公司", "co.,ltd.", "co.,ltd", "co.ltd.", "co.ltd", "co.,", "limited", "ltd.", "ltd",
        "incorporated", "inc.", "inc", "corporation", "corp.", "corp", "company", "co.", "group", "holdings", "gmbh", "llc",
    ];

    // Provinces, autonomous regions and the larger cities, as they lead a registered company name.
    private static readonly string[] Places =
    [
        "北京市", "上海市", "天津市", "重庆市", "北京", "上海", "天津", "重庆",
        "黑龙江省", "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
        "河北省", "山西省", "辽宁省", "吉林省", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省",
        "湖南省", "广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
        "黑龙江", "内蒙古", "广西", "西藏", "宁夏", "新疆", "河北", "山西", "辽宁", "吉林", "江苏", "浙江", "安徽", "福建", "江西",
        "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "香港", "澳门",
        "深圳市", "广州市", "杭州市", "苏州市", "南京市", "成都市", "武汉市", "宁波市", "西安市", "厦门市", "青岛市", "大连市",
        "深圳", "广州", "杭州", "苏州", "南京", "成都", "武汉", "宁波", "西安", "厦门", "青岛", "大连", "无锡", "佛山", "东莞",
        "合肥", "长沙", "郑州", "济南", "沈阳", "长春", "哈尔滨", "昆明", "福州", "南昌", "石家庄", "太原", "南宁", "贵阳",
    ];

    private static readonly string[] EnglishPlaces =
    [
        "beijing", "shanghai", "tianjin", "chongqing", "shenzhen", "guangzhou", "hangzhou", "suzhou", "nanjing", "chengdu",
        "wuhan", "ningbo", "xian", "xiamen", "qingdao", "dalian", "hongkong",
    ];

    /// <summary>The company-name key: "（上海）华信科技有限公司", "上海华信科技 有限公司" and "华信科技" all give "华信科技".</summary>
    public static string CompanyKey(string? name)
    {
        var text = Narrow(name).ToLowerInvariant();
        text = RemoveBracketed(text, ['(', '[', '【', '〔'], [')', ']', '】', '〕'], keepIfAll: true);
        text = new string(text.Where(c => !char.IsWhiteSpace(c) && c is not '·' and not '-' and not '_' and not '&' and not '\'').ToArray());
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var suffix in Suffixes)
            {
                if (text.Length > suffix.Length && text.EndsWith(suffix, StringComparison.Ordinal))
                {
                    // Start again from the longest: "有限公司集团" loses 集团, then 有限公司 (not just 公司).
                    text = text[..^suffix.Length].TrimEnd(',', '.');
                    changed = true;
                    break;
                }
            }
        }

        foreach (var place in Places.Concat(EnglishPlaces))
        {
            if (text.Length > place.Length + 1 && text.StartsWith(place, StringComparison.Ordinal))
            {
                text = text[place.Length..];
                break;
            }
        }

        return text.Trim(',', '.');
    }

    /// <summary>The phone key: digits only, without China's +86 / 0086 prefix ("+86 138-0013-8000" → "13800138000").</summary>
    public static string? PhoneKey(string? phone)
    {
        var digits = new string(Narrow(phone).Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("0086", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }
        else if (digits.StartsWith("86", StringComparison.Ordinal) && digits.Length >= 12)
        {
            digits = digits[2..];
        }

        return digits.Length >= 6 ? digits : null;
    }

    public static string? EmailKey(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : Narrow(email).Trim().ToLowerInvariant();

    /// <summary>Full-width letters, digits, brackets and spaces as their half-width forms.</summary>
    private static string Narrow(string? value) =>
        (value ?? "").Normalize(NormalizationForm.FormKC).Replace('\u3000', ' ');

    /// <summary>Drops "(...)" parts (a place, a branch) unless nothing would be left.</summary>
    private static string RemoveBracketed(string text, char[] open, char[] close, bool keepIfAll)
    {
        var builder = new StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (open.Contains(c))
            {
                depth++;
            }
            else if (close.Contains(c))
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        var result = builder.ToString();
        return keepIfAll && result.Trim().Length == 0
            ? new string(text.Where(c => !open.Contains(c) && !close.Contains(c)).ToArray())
            : result;
    }
}
