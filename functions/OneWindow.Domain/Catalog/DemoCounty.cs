using OneWindow.Domain.Calendar;

namespace OneWindow.Domain.Catalog;

/// <summary>
/// 示范县 (the demo county): realistic departments, items and packages for local runs and demos.
/// Departments with their own systems receive tasks at the provider sandbox (<c>/departments/{code}/callback</c>), which plays their systems;
/// their secrets are referenced as <c>Departments:{code}:Secret</c> (demo value <c>demo-secret-{code}</c>).
/// </summary>
public static class DemoCounty
{
    /// <summary>The code of the demo item whose promised deadline is three minutes, to watch warnings and escalations live.</summary>
    public const string FastDemoItem = "demo-fast-track";

    /// <summary>The demo county's item for requests for government information (依申请公开).</summary>
    public const string DisclosureItem = "information-disclosure";

    /// <summary>The mailbox items are this prefix and the letter type: <c>mailbox-complaint</c>.</summary>
    public const string MailboxItemPrefix = "mailbox-";

    public static DemoCountyData Create(Uri sandboxBaseUrl)
    {
        Department Dept(string code, string name, string chief, string phone, bool ownSystem = false) => new()
        {
            Code = code,
            Name = name,
            ChiefRepresentative = chief,
            ChiefPhone = phone,
            HasOwnSystem = ownSystem,
            CallbackUrl = ownSystem ? new Uri(sandboxBaseUrl, $"/departments/{code}/callback").ToString() : null,
            SecretRef = ownSystem ? $"Departments:{code}:Secret" : null,
        };

        var departments = new[]
        {
            Dept("market-regulation", "县市场监督管理局", "张伟", "0571-6101001", ownSystem: true),
            Dept("health", "县卫生健康委员会", "王芳", "0571-6101002", ownSystem: true),
            Dept("fire-rescue", "县消防救援大队", "李强", "0571-6101003"),
            Dept("ecology-environment", "市生态环境局县分局", "刘洋", "0571-6101004", ownSystem: true),
            Dept("natural-resources", "县自然资源和规划局", "陈静", "0571-6101005"),
            Dept("housing-construction", "县住房和城乡建设局", "杨帆", "0571-6101006"),
            Dept("real-estate-registration", "县不动产登记中心", "赵磊", "0571-6101007"),
            Dept("public-security", "县公安局", "黄勇", "0571-6101008"),
            Dept("civil-affairs", "县民政局", "周敏", "0571-6101009"),
            Dept("development-reform", "县发展和改革局", "吴军", "0571-6101010"),
            Dept("taxation", "国家税务总局县税务局", "徐丽", "0571-6101011"),
            Dept("human-resources", "县人力资源和社会保障局", "孙涛", "0571-6101012"),
            Dept("government-office", "县人民政府办公室", "马超", "0571-6101013"),
            Dept("water-resources", "县水利局", "朱红", "0571-6101014"),
            Dept("transport", "县交通运输局", "胡斌", "0571-6101015"),
        };

        static Material M(string code, string name, bool deferrable = false, bool required = true, (string Question, string[] Options)? when = null) => new()
        {
            Code = code,
            Name = name,
            Deferrable = deferrable,
            Required = required,
            When = when is { } w ? new Dictionary<string, IReadOnlyList<string>> { [w.Question] = w.Options } : null,
        };

        static DeadlinePeriod Wd(int days) => DeadlinePeriod.OfWorkingDays(days);

        var idCard = M("id-card", "申请人（经营者）身份证明");
        // A business licence issued here may stand in for the material (证照复用).
        var businessLicence = M("business-licence", "营业执照") with { LicenceItems = ["enterprise-registration", "individual-business-registration"] };
        static LicenceSpec Years(string title, int years) => new() { Title = title, ValidityYears = years };
        static LicenceSpec LongTerm(string title) => new() { Title = title };
        var premises = M("premises-proof", "经营场所使用证明（房产证或租赁合同）", deferrable: true);
        var landTitle = M("land-title", "不动产权属证书或土地使用权证明");
        var projectApproval = M("project-filing", "企业投资项目备案证明");
        var yesNo = new[] { "是", "否" };

        ServiceItem Item(string code, string name, string department, string kind, DeadlinePeriod promised, DeadlinePeriod legal, string basis, Material[] materials, int visits = 0, SituationQuestion[]? questions = null, Fee[]? fees = null, GreenChannel? green = null, int extension = ServiceItem.DefaultExtensionCapWorkingDays, DeadlinePeriod? warning = null, LicenceSpec? licence = null) => new()
        {
            Code = code,
            Name = name,
            Department = department,
            Kind = kind,
            Deadline = promised,
            LegalDeadline = legal,
            LegalBasis = basis,
            Conditions = "申请人具有完全民事行为能力，申请材料齐全、符合法定形式。",
            Materials = materials,
            Visits = visits,
            Questions = questions ?? [],
            Fees = fees ?? [],
            Forms = [$"《{name}申请表》"],
            GreenChannel = green,
            ExtensionCapWorkingDays = extension,
            Warning = warning,
            Licence = licence,
        };

        const string Licence = ServiceItemKinds.AdministrativeLicence;
        const string Public = ServiceItemKinds.PublicService;
        const string Convenience = ServiceItemKinds.Convenience;
        var priority = new GreenChannel(Wd(3), Priority: true);

        var items = new[]
        {
            Item("individual-business-registration", "个体工商户设立登记", "market-regulation", Licence, Wd(1), Wd(15), "《促进个体工商户发展条例》《市场主体登记管理条例》",
                [idCard, premises, M("name-approval", "个体工商户名称自主申报告知书", required: false)],
                licence: LongTerm("营业执照")),
            Item("enterprise-registration", "企业设立登记", "market-regulation", Licence, Wd(1), Wd(15), "《中华人民共和国市场主体登记管理条例》",
                [idCard, premises, M("articles", "公司章程"), M("legal-rep-appointment", "法定代表人任职文件")],
                questions: [new("foreign-investment", "是否有外商投资？", yesNo)],
                licence: LongTerm("营业执照")),
            Item("food-business-licence", "食品经营许可", "market-regulation", Licence, Wd(5), Wd(20), "《中华人民共和国食品安全法》第三十五条、《食品经营许可和备案管理办法》",
                [idCard, businessLicence, premises,
                 M("layout-plan", "经营场所平面布局图及设备布局、操作流程说明"),
                 M("food-safety-system", "食品安全管理制度", deferrable: true),
                 M("cold-food-process", "冷食类、生食类食品制作专间说明", when: ("cold-food", ["是"])),
                 M("online-sales", "网络经营说明及网站备案信息", when: ("online", ["是"]))],
                visits: 1,
                questions: [new("cold-food", "是否制售冷食类或生食类食品？", yesNo), new("online", "是否通过网络经营？", yesNo)],
                green: priority, licence: Years("食品经营许可证", 5)),
            Item("drug-retail-licence", "药品零售经营许可", "market-regulation", Licence, Wd(10), Wd(30), "《中华人民共和国药品管理法》第五十二条",
                [idCard, businessLicence, premises, M("pharmacist", "执业药师注册证及劳动合同"), M("quality-system", "药品质量管理文件")], visits: 1,
                licence: Years("药品经营许可证", 5)),
            Item("public-place-hygiene-licence", "公共场所卫生许可", "health", Licence, Wd(5), Wd(20), "《公共场所卫生管理条例》第八条",
                [idCard, businessLicence, premises, M("hygiene-inspection", "卫生检测（评价）报告", deferrable: true), M("health-certificates", "从业人员健康合格证明")], visits: 1,
                licence: Years("公共场所卫生许可证", 4)),
            Item("public-gathering-fire-inspection", "公众聚集场所投入使用、营业前消防安全检查", "fire-rescue", Licence, Wd(5), Wd(10), "《中华人民共和国消防法》第十五条",
                [idCard, businessLicence, M("fire-commitment", "消防安全告知承诺书"), M("fire-facilities", "消防设施检测报告", deferrable: true)], visits: 1,
                questions: [new("area-large", "营业面积是否超过300平方米？", yesNo)],
                green: priority, licence: LongTerm("公众聚集场所投入使用、营业前消防安全检查合格证")),
            Item("pollutant-discharge-permit", "排污许可证核发", "ecology-environment", Licence, Wd(15), Wd(20), "《排污许可管理条例》第十四条",
                [businessLicence, M("discharge-application", "排污许可证申请表"), M("monitoring-plan", "自行监测方案"), M("eia-approval", "环境影响评价审批文件")],
                licence: Years("排污许可证", 5)),
            Item("eia-approval", "建设项目环境影响报告表审批", "ecology-environment", Licence, Wd(10), Wd(20), "《中华人民共和国环境影响评价法》第二十二条",
                [projectApproval, M("eia-report", "环境影响报告表"), M("public-participation", "公众参与说明", required: false)]),
            Item("project-filing", "企业投资项目备案", "development-reform", Public, Wd(1), Wd(3), "《企业投资项目核准和备案管理条例》第十三条",
                [businessLicence, M("project-info", "项目基本情况（名称、规模、总投资）")]),
            Item("land-use-preexamination", "建设项目用地预审与选址意见书", "natural-resources", Licence, Wd(10), Wd(20), "《中华人民共和国土地管理法》第五十二条、《城乡规划法》第三十六条",
                [projectApproval, M("site-plan", "拟选址位置图"), M("land-use-report", "建设项目用地情况说明")]),
            Item("land-use-planning-permit", "建设用地规划许可证", "natural-resources", Licence, Wd(7), Wd(20), "《中华人民共和国城乡规划法》第三十七条、第三十八条",
                [projectApproval, M("land-contract", "国有建设用地使用权出让合同"), M("planning-conditions", "规划条件")]),
            Item("construction-planning-permit", "建设工程规划许可证", "natural-resources", Licence, Wd(10), Wd(20), "《中华人民共和国城乡规划法》第四十条",
                [landTitle, M("design-scheme", "建设工程设计方案总平面图"), M("building-drawings", "建筑施工图")]),
            Item("fire-design-review", "特殊建设工程消防设计审查", "housing-construction", Licence, Wd(10), Wd(15), "《建设工程消防设计审查验收管理暂行规定》第十五条",
                [M("fire-design", "消防设计文件"), M("design-qualification", "设计单位资质证明")]),
            Item("construction-permit", "建筑工程施工许可证核发", "housing-construction", Licence, Wd(3), Wd(7), "《中华人民共和国建筑法》第七条、第八条",
                [landTitle, M("planning-permit", "建设工程规划许可证"), M("contractor-contract", "施工合同及中标通知书"), M("safety-measures", "保证工程质量和安全的具体措施", deferrable: true)]),
            Item("fire-acceptance", "特殊建设工程消防验收", "housing-construction", Licence, Wd(10), Wd(15), "《中华人民共和国消防法》第十三条",
                [M("fire-completion-report", "工程竣工验收报告"), M("fire-test-report", "消防设施检测报告")], visits: 1),
            Item("completion-filing", "房屋建筑和市政基础设施工程竣工验收备案", "housing-construction", Public, Wd(5), Wd(15), "《房屋建筑和市政基础设施工程竣工验收备案管理办法》",
                [M("completion-report", "工程竣工验收报告"), M("quality-guarantee", "住宅质量保证书", when: ("residential", ["是"]))],
                questions: [new("residential", "是否为住宅工程？", yesNo)]),
            Item("real-estate-first-registration", "不动产首次登记", "real-estate-registration", Licence, Wd(5), Wd(30), "《不动产登记暂行条例》第二十条",
                [landTitle, M("survey-report", "不动产权籍调查成果"), M("completion-filing-proof", "竣工验收备案证明")]),
            Item("real-estate-transfer-registration", "不动产转移登记", "real-estate-registration", Licence, Wd(3), Wd(30), "《不动产登记暂行条例》《不动产登记暂行条例实施细则》",
                [idCard, M("title-certificate", "不动产权证书"), M("sale-contract", "不动产买卖合同"), M("tax-receipt", "完税证明", deferrable: true),
                 M("marriage-proof", "婚姻状况证明", when: ("married", ["是"]))], visits: 1,
                questions: [new("married", "买受人是否已婚？", yesNo)],
                fees: [new("不动产登记费", 80m, "《关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）")]),
            Item("household-registration-transfer", "户口迁移（市内迁移）", "public-security", Public, Wd(5), Wd(20), "《中华人民共和国户口登记条例》第十条",
                [idCard, M("household-book", "居民户口簿"), M("house-title", "合法稳定住所证明")]),
            Item("residence-permit", "居住证办理", "public-security", Public, Wd(7), Wd(15), "《居住证暂行条例》第十一条",
                [idCard, M("residence-proof", "居住证明（租赁合同或房产证明）"), M("photo", "近期免冠照片")]),
            Item("senior-citizen-card", "老年人优待证办理", "civil-affairs", Convenience, DeadlinePeriod.OfDuration(TimeSpan.FromMinutes(30)), DeadlinePeriod.OfDuration(TimeSpan.FromHours(2)), "《中华人民共和国老年人权益保障法》",
                [idCard, M("photo", "近期免冠照片")], visits: 1),
            Item("marriage-certificate-replacement", "补领婚姻登记证", "civil-affairs", Convenience, DeadlinePeriod.OfDuration(TimeSpan.FromHours(1)), DeadlinePeriod.OfDuration(TimeSpan.FromHours(4)), "《婚姻登记条例》第十七条",
                [idCard, M("photo", "近期免冠合影照片")], visits: 1),
            Item("tax-registration", "新办纳税人涉税事项", "taxation", Public, Wd(1), Wd(5), "《中华人民共和国税收征收管理法》第十五条",
                [businessLicence, M("bank-account", "银行账户信息")]),
            Item("social-insurance-registration", "单位参保登记", "human-resources", Public, Wd(1), Wd(5), "《中华人民共和国社会保险法》第五十七条",
                [businessLicence, M("employee-list", "参保职工花名册", deferrable: true)]),
            Item("labour-dispatch-licence", "劳务派遣经营许可", "human-resources", Licence, Wd(10), Wd(20), "《中华人民共和国劳动合同法》第五十七条",
                [businessLicence, M("capital-proof", "注册资本不少于二百万元的证明"), M("dispatch-rules", "劳务派遣管理制度")]),
            // 依申请公开: 20 working days from receipt, once extendable by 20 with the head's approval (条例第三十三条); the
            // government office accepts and routes requests to the department that holds the information.
            Item(DisclosureItem, "政府信息依申请公开", "government-office", ServiceItemKinds.InformationDisclosure, Wd(15), Wd(20), "《中华人民共和国政府信息公开条例》第二十七条至第三十三条",
                [], extension: 20),
            // 政府信箱: the office hands each letter to a department within one working day; the department answers within the
            // item's promised deadline.
            Item(MailboxItemPrefix + "consultation", "政府信箱·咨询", "government-office", ServiceItemKinds.MailboxConsultation, Wd(5), Wd(5), "《国务院办公厅关于进一步优化地方政务服务便民热线的指导意见》", [], extension: 0),
            Item(MailboxItemPrefix + "complaint", "政府信箱·投诉", "government-office", ServiceItemKinds.MailboxComplaint, Wd(10), Wd(15), "《国务院办公厅关于进一步优化地方政务服务便民热线的指导意见》", [], extension: 0),
            Item(MailboxItemPrefix + "suggestion", "政府信箱·建议", "government-office", ServiceItemKinds.MailboxSuggestion, Wd(15), Wd(20), "《国务院办公厅关于进一步优化地方政务服务便民热线的指导意见》", [], extension: 0),
            Item("water-abstraction-permit", "取水许可", "water-resources", Licence, Wd(15), Wd(45), "《取水许可和水资源费征收管理条例》",
                [businessLicence, M("water-resources-report", "建设项目水资源论证报告")]),
            Item("road-freight-licence", "道路货物运输经营许可", "transport", Licence, Wd(5), Wd(20), "《中华人民共和国道路运输条例》第二十四条",
                [idCard, businessLicence, M("vehicle-list", "拟投入车辆承诺书"), M("drivers", "驾驶人员从业资格证")],
                licence: Years("道路运输经营许可证", 4)),
            Item(FastDemoItem, "演示事项：限时快办（三分钟承诺时限）", "market-regulation", Public, DeadlinePeriod.OfDuration(TimeSpan.FromMinutes(3)), DeadlinePeriod.OfDuration(TimeSpan.FromMinutes(6)), "演示用：观察预警、超时与升级",
                [idCard]),
        };

        PackageStage Stage(string code, string name, string lead, string[] stageItems, params string[] after) =>
            new() { Code = code, Name = name, LeadDepartment = lead, Items = stageItems, After = after };

        var packages = new[]
        {
            new ServicePackage
            {
                Code = "open-restaurant", Name = "我要开餐馆", Description = "食品经营许可、公共场所卫生许可、消防安全检查并联办理。",
                Stages = [Stage("parallel-review", "并联审批", "market-regulation", ["food-business-licence", "public-place-hygiene-licence", "public-gathering-fire-inspection"])],
                SharedMaterials = ["id-card", "business-licence", "premises-proof"],
                Deadline = Wd(10),
            },
            new ServicePackage
            {
                Code = "investment-project", Name = "我要投资建设项目（工程建设项目审批四阶段）", Description = "立项用地规划许可、工程建设许可、施工许可、竣工验收四个阶段，每阶段由牵头部门统一出具意见。",
                Stages =
                [
                    Stage("stage-1", "立项用地规划许可阶段", "natural-resources", ["project-filing", "land-use-preexamination", "land-use-planning-permit"]),
                    Stage("stage-2", "工程建设许可阶段", "natural-resources", ["construction-planning-permit", "fire-design-review"], "stage-1"),
                    Stage("stage-3", "施工许可阶段", "housing-construction", ["construction-permit", "eia-approval"], "stage-2"),
                    Stage("stage-4", "竣工验收阶段", "housing-construction", ["fire-acceptance", "completion-filing", "real-estate-first-registration"], "stage-3"),
                ],
                SharedMaterials = ["project-filing", "land-title"],
            },
            new ServicePackage
            {
                Code = "start-enterprise", Name = "企业开办一件事", Description = "企业设立登记后，涉税事项与参保登记同步办理。",
                Stages =
                [
                    Stage("registration", "设立登记", "market-regulation", ["enterprise-registration"]),
                    Stage("tax-and-insurance", "涉税与参保", "taxation", ["tax-registration", "social-insurance-registration"], "registration"),
                ],
                SharedMaterials = ["business-licence"],
                Deadline = Wd(3),
            },
            new ServicePackage
            {
                Code = "open-pharmacy", Name = "我要开药店", Description = "个体工商户登记后办理药品零售经营许可。",
                Stages =
                [
                    Stage("registration", "主体登记", "market-regulation", ["individual-business-registration"]),
                    Stage("licence", "经营许可", "market-regulation", ["drug-retail-licence"], "registration"),
                ],
                SharedMaterials = ["id-card", "premises-proof"],
            },
            new ServicePackage
            {
                Code = "second-hand-house", Name = "二手房交易与户口迁移一件事", Description = "不动产转移登记完成后办理户口迁移。",
                Stages =
                [
                    Stage("transfer", "转移登记", "real-estate-registration", ["real-estate-transfer-registration"]),
                    Stage("household", "户口迁移", "public-security", ["household-registration-transfer"], "transfer"),
                ],
                SharedMaterials = ["id-card"],
            },
            new ServicePackage
            {
                Code = "open-logistics", Name = "我要开物流公司", Description = "企业设立登记后，道路货物运输经营许可与参保登记并联办理。",
                Stages =
                [
                    Stage("registration", "设立登记", "market-regulation", ["enterprise-registration"]),
                    Stage("licences", "许可与参保", "transport", ["road-freight-licence", "social-insurance-registration"], "registration"),
                ],
                SharedMaterials = ["business-licence"],
            },
        };

        return new DemoCountyData(departments, items, packages);
    }
}
