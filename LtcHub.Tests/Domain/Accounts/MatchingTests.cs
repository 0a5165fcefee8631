using LtcHub.Domain.Accounts;

namespace LtcHub.Tests.Domain.Accounts;

/// <summary>The duplicate check's keys, on the ways real people write the same Chinese company.</summary>
public class MatchingTests
{
    [Theory]
    [InlineData("上海华信科技有限公司", "华信科技")]
    [InlineData("华信科技有限公司", "华信科技")]
    [InlineData("华信科技（上海）有限公司", "华信科技")]
    [InlineData("（上海）华信科技有限公司", "华信科技")]
    [InlineData("上海市华信科技股份有限公司", "华信科技")]
    [InlineData("华信科技 有限责任公司", "华信科技")]
    [InlineData("华信科技", "华信科技")]
    [InlineData("ＨＸ华信科技有限公司", "hx华信科技")]
    [InlineData("杭州新元零售集团", "新元零售")]
    [InlineData("新元零售集团有限公司", "新元零售")]
    [InlineData("浙江新元零售集团股份有限公司", "新元零售")]
    [InlineData("【杭州】新元零售", "新元零售")]
    [InlineData("广州明阳物流有限公司集团", "明阳物流")]
    [InlineData("广东省深圳正泰医药股份有限公司", "深圳正泰医药")]
    [InlineData("Huaxin Technology Co., Ltd.", "huaxintechnology")]
    [InlineData("HUAXIN TECHNOLOGY CO.,LTD", "huaxintechnology")]
    [InlineData("Shanghai Huaxin Technology Limited", "huaxintechnology")]
    public void CompanyNames_ReduceToOneKey(string name, string key) => Assert.Equal(key, Matching.CompanyKey(name));

    [Fact]
    public void APlaceNameAlone_OrASuffixAlone_IsKept_NotEmptied()
    {
        Assert.Equal("上海", Matching.CompanyKey("上海"));
        Assert.Equal("集团", Matching.CompanyKey("集团"));
    }

    [Theory]
    [InlineData("+86 138-0013-8000", "13800138000")]
    [InlineData("0086 13800138000", "13800138000")]
    [InlineData("86 138 0013 8000", "13800138000")]
    [InlineData("１３８００１３８０００", "13800138000")]
    [InlineData("(021) 6123-4567", "02161234567")]
    [InlineData("+86 21 6123 4567", "2161234567")]
    public void PhoneNumbers_ReduceToTheirDigits_WithoutChinasPrefix(string phone, string key) => Assert.Equal(key, Matching.PhoneKey(phone));

    [Fact]
    public void TooFewDigits_AreNoPhoneNumber() => Assert.Null(Matching.PhoneKey("分机 123"));

    [Fact]
    public void EmailAddresses_CompareWithoutCase() => Assert.Equal("li.lei@huaxin.cn", Matching.EmailKey(" Li.Lei@HuaXin.CN "));
}
