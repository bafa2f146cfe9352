namespace Platform.Modules.ReturnHomeEntrepreneurship.Domain;

/// <summary>Who the founder is (返乡入乡创业人员类别).</summary>
internal enum FounderCategory
{
    /// <summary>A migrant worker coming home (返乡农民工).</summary>
    ReturningMigrantWorker,

    /// <summary>A college graduate (高校毕业生).</summary>
    CollegeGraduate,

    /// <summary>A discharged veteran (退役军人); recognised from the veteran registry.</summary>
    Veteran,

    /// <summary>Someone from a city coming to the countryside (入乡创业人员).</summary>
    UrbanToRural,

    /// <summary>A rural resident starting at home (农村能人).</summary>
    RuralResident,

    /// <summary>Anyone else.</summary>
    Other,
}

/// <summary>The industry of a business, by GB/T 4754 section (simplified).</summary>
internal enum Industry
{
    /// <summary>Farming, forestry, animal husbandry, fishery (A).</summary>
    Agriculture,

    /// <summary>Processing of farm produce and other manufacturing (C).</summary>
    Manufacturing,

    /// <summary>Construction (E).</summary>
    Construction,

    /// <summary>Wholesale and retail, including e-commerce (F).</summary>
    Trade,

    /// <summary>Transport, storage and delivery (G).</summary>
    Logistics,

    /// <summary>Accommodation and catering, including farm stays (H).</summary>
    Catering,

    /// <summary>Rural tourism, culture and recreation (R).</summary>
    Tourism,

    /// <summary>Information technology and live-stream selling (I).</summary>
    Technology,

    /// <summary>Household, repair and other services (O).</summary>
    Services,

    /// <summary>Anything else.</summary>
    Other,
}

/// <summary>The legal form of a business.</summary>
internal enum LegalForm
{
    /// <summary>Individually owned business (个体工商户).</summary>
    IndividualBusiness,

    /// <summary>Farmers' specialised cooperative (农民专业合作社).</summary>
    Cooperative,

    /// <summary>Partnership (合伙企业).</summary>
    Partnership,

    /// <summary>Small or micro enterprise (小微企业); may borrow as an enterprise.</summary>
    SmallOrMicroEnterprise,
}

/// <summary>Whether a business operates.</summary>
internal enum BusinessStatus
{
    /// <summary>Operating.</summary>
    Operating,

    /// <summary>Closed (deregistered).</summary>
    Closed,
}

/// <summary>A park or incubator's kind.</summary>
internal enum ParkKind
{
    /// <summary>Return-home entrepreneurship park (返乡创业园).</summary>
    ReturnHomePark,

    /// <summary>Entrepreneurship incubation base (创业孵化基地).</summary>
    Incubator,
}

/// <summary>The level a park or incubator is recognised at.</summary>
internal enum ParkLevel
{
    /// <summary>County.</summary>
    County,

    /// <summary>Municipal (市级).</summary>
    Municipal,

    /// <summary>Provincial.</summary>
    Provincial,

    /// <summary>National.</summary>
    National,
}

/// <summary>Where a one-time start-up subsidy stands.</summary>
internal enum SubsidyStatus
{
    /// <summary>Applied for; waits for a checker.</summary>
    Applied,

    /// <summary>Approved by a checker; waits for payment.</summary>
    Approved,

    /// <summary>Refused by a checker.</summary>
    Rejected,

    /// <summary>Paid.</summary>
    Paid,
}

/// <summary>The kind of guaranteed business loan.</summary>
internal enum LoanKind
{
    /// <summary>One person (individual cap).</summary>
    Individual,

    /// <summary>Partners starting a business together (the sum of their caps plus the uplift).</summary>
    Partnership,

    /// <summary>A small or micro enterprise (enterprise cap).</summary>
    Enterprise,
}

/// <summary>How the principal is repaid.</summary>
internal enum RepaymentMethod
{
    /// <summary>Interest monthly, all principal at maturity (按月付息、到期还本).</summary>
    InterestOnly,

    /// <summary>Equal principal each month plus the interest (等额本金).</summary>
    EqualPrincipal,
}

/// <summary>Where a guaranteed loan stands (domain.md M4).</summary>
internal enum LoanStatus
{
    /// <summary>Applied for at the bureau.</summary>
    Applied,

    /// <summary>The guarantee fund agreed to guarantee it.</summary>
    GuaranteeApproved,

    /// <summary>The bank approved it and fixed the contract.</summary>
    BankApproved,

    /// <summary>Paid out; no repayment yet.</summary>
    Disbursed,

    /// <summary>Being repaid on time.</summary>
    Repaying,

    /// <summary>A due principal or interest is unpaid after its due day; the interest subsidy stops.</summary>
    Overdue,

    /// <summary>Declared in default by the bank.</summary>
    Defaulted,

    /// <summary>The guarantee fund paid the bank what was outstanding (代偿).</summary>
    Compensated,

    /// <summary>Repaid in full.</summary>
    Settled,

    /// <summary>Refused by the guarantee fund or the bank.</summary>
    Rejected,

    /// <summary>Withdrawn by the applicant before disbursement.</summary>
    Withdrawn,
}

/// <summary>Who paid a repayment.</summary>
internal enum RepaymentSource
{
    /// <summary>The borrower.</summary>
    Borrower,

    /// <summary>The guarantee fund, compensating the bank.</summary>
    GuaranteeFund,
}
