"""Chinese descriptions of the account file's fields, for the zh 账号档案格式 page.

Data beside the account models (``oahandbook.account.models``): their pydantic descriptions are
English (the JSON Schema editors show), and a Chinese page shows these instead, by dotted path
as the field table names them (``people[].role``). A test checks every field of the published
schema has one.
"""

from __future__ import annotations

ACCOUNT_FIELDS_ZH: dict[str, str] = {
    "kind": "固定写 `account`：表明这是一份账号档案。",
    "account": "账号在平台上登记的信息。",
    "account.name": "公众号名称，与平台登记的完全一致（包括空格）：长度 4–30 个单位，一个汉字计 2。",
    "account.type": "账号类型：`subscription`（订阅号）或 `service`（服务号）。",
    "account.original_id": "原始 ID：`gh_` 加 12 位小写十六进制数字。",
    "account.app_id": "AppID（开发者 ID）：`wx` 加 16 位小写十六进制数字。可以公开，不是密钥。",
    "account.introduction": "功能介绍，与读者在平台上看到的一致。",
    "entity": "账号所属的主体。",
    "entity.name": "主体名称，与营业执照等证照上的一致。",
    "entity.type": "主体类型：企业、政府机关、媒体、其他组织或个人。",
    "entity.credit_code": "统一社会信用代码（GB 32100-2015），18 位。主体不是个人时必填；规则 CE01 核对它的校验位。",
    "certification": "微信认证。账号未认证时写 `status: none`。",
    "certification.status": "当前状态：已认证、已过期、未认证（从未认证）或审核中。",
    "certification.certified_date": "本次认证通过的日期。",
    "certification.expiry_date": "本次认证有效的最后一天（认证到期日）。已认证时必填。",
    "certification.annual_reviews": "历次年审，按时间先后排列。",
    "certification.annual_reviews[].date": "提交或完成年审的日期。",
    "certification.annual_reviews[].result": "年审结果：通过、未通过或审核中。",
    "certification.annual_reviews[].note": "需要留存的说明，例如平台要求补充的材料。",
    "certification.business_licence": "认证所用营业执照的存放位置：写文件引用，如 `docs:licences/2026-business-licence.pdf`，不要放扫描件本身。",
    "certification.info_updated": "最近一次在平台上更新认证信息的日期。",
    "certification.last_change": "认证相关信息（主体名称、法定代表人、经营范围）最近一次变更的日期；变更后须到平台更新（规则 CE04）。",
    "people": "绑定到账号的全部人员。",
    "people[].name": "此人的姓名。",
    "people[].wechat_id": "此人微信号在单位记录中的引用，如 `wechat:zhang-wei`；不写微信号本身，更不能写密码。",
    "people[].role": "平台角色：管理员、长期运营者或短期运营者。",
    "people[].real_name_verified": "此人的微信号是否已完成实名认证。必须为 `true`。",
    "people[].account_protection": "此人的微信号是否已开启帐号保护（二次验证）。必须为 `true`。",
    "people[].permissions": "此人持有的权限编号（见角色与权限表，data/roles.yaml），如 `publish`。",
    "people[].appointed": "此人绑定到账号的日期。",
    "people[].end_date": "绑定结束的日期（短期运营者必填；有人离开时填写）。",
    "third_parties": "在账号上授权的第三方平台。",
    "third_parties[].name": "第三方平台的名称。",
    "third_parties[].app_id": "第三方平台的 AppID（如果知道）。",
    "third_parties[].permission_sets": "授予的权限集，按平台上的名称写，如 素材管理权限。",
    "third_parties[].authorised": "授权的日期。",
    "third_parties[].purpose": "这个平台为什么需要授权。",
    "security": "密钥的存放位置、接口 IP 白名单和备份。",
    "security.secrets": "每个密钥的存放位置，按名称写（appsecret、encoding_aes_key、admin_password…）：写引用 `env:变量名`、`vault:路径` 或 `kms:密钥编号`，不能写密钥本身。",
    "security.ip_allowlist": "允许调用平台接口的 IP 地址或网段（CIDR）。",
    "security.backup": "备份要求及执行记录。",
    "security.backup.what": "备份的内容，例如已发布的文章、素材库、留言。",
    "security.backup.interval_days": "两次备份之间的天数；不得超过单位规定的上限。",
    "security.backup.where": "备份存放的位置：必须是单位自己掌控的存储。",
    "security.backup.encrypted": "备份是否加密存放。应为 `true`。",
    "security.backup.last_success": "最近一次备份成功的日期。",
    "interaction": "咨询和投诉的处理。",
    "interaction.enquiry_channels": "咨询渠道。",
    "interaction.enquiry_channels[].kind": "渠道类型：电话、邮箱、后台留言、自定义菜单、自动回复、网页或其他。",
    "interaction.enquiry_channels[].contact": "公开的联系方式：号码、地址、菜单路径或网址。",
    "interaction.enquiry_channels[].note": "受理时间或读者需要知道的其他信息。",
    "interaction.complaint_channels": "投诉渠道。",
    "interaction.complaint_channels[].kind": "渠道类型：电话、邮箱、后台留言、自定义菜单、自动回复、网页或其他。",
    "interaction.complaint_channels[].contact": "公开的联系方式：号码、地址、菜单路径或网址。",
    "interaction.complaint_channels[].note": "受理时间或读者需要知道的其他信息。",
    "interaction.response_hours": "承诺的首次答复时限，以小时计。",
    "interaction.escalation_contact": "严重投诉上报给谁（一个岗位或一个人）。",
    "reviewed": "整份档案最近一次复审的日期。",
}

# The type column, in Chinese (the English page keeps the schema's words).
TYPES_ZH: dict[str, str] = {
    "object": "对象",
    "map": "映射（名称 → 值）",
    "text": "文本",
    "date": "日期（YYYY-MM-DD）",
    "integer": "整数",
}

# Published schema file -> its Chinese field descriptions.
ZH_DESCRIPTIONS: dict[str, dict[str, str]] = {"account.schema.json": ACCOUNT_FIELDS_ZH}
