/// A case whose run failed; the sweep records it and goes on with the next case.
public struct CaseFailure: Codable, Equatable, Sendable {
    public var caseID: String
    public var message: String

    public init(caseID: String, message: String) {
        self.caseID = caseID
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case caseID = "case_id", message
    }
}
