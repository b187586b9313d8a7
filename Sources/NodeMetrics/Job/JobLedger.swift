import Foundation
import PerfV
import Report
import SystemCalls
#if canImport(Glibc)
import Glibc
#endif

/// The file an admin names for per-job steal (`perfv-report job begin|end --file F`).
///
/// `begin` (the Slurm prolog) keeps the job's starting sample in F.begin-<job id>,
/// written whole (temporary file, then rename). `end` (the epilog) reads it back,
/// appends one JSON line for the job to F and removes it. The line is one write(2)
/// on an O_APPEND descriptor under flock(2), so two epilogs that end at once on the
/// same node each add a whole line.
public struct JobLedger {
    public let file: String

    public init(file: String) {
        self.file = file
    }

    /// Where `begin` keeps the starting sample of `jobID`.
    public func beginPath(jobID: String) -> String { file + ".begin-" + jobID }

    /// What `begin` keeps.
    struct Begin: Codable {
        var jobID: String
        var cpus: [Int]
        var sample: NodeSample
    }

    /// One line of F.
    public struct Line: Encodable {
        public var node: String
        /// When the epilog ran, ISO 8601 UTC.
        public var endedAt: String
        public var steal: JobSteal

        public func encode(to encoder: any Encoder) throws {
            try steal.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(node, forKey: .node)
            try container.encode(endedAt, forKey: .endedAt)
        }

        enum CodingKeys: String, CodingKey { case node, endedAt }
    }

    public static func checkJobID(_ jobID: String) throws {
        guard !jobID.isEmpty, jobID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }),
              jobID != ".", jobID != ".." else { throw NodeMetricsError.badJobID(jobID) }
    }

    /// Keeps the job's starting sample.
    public func begin(jobID: String, cpus: [Int], sample: NodeSample) throws {
        try Self.checkJobID(jobID)
        let data = try JSONEncoder().encode(Begin(jobID: jobID, cpus: cpus, sample: sample))
        try AtomicFile.write(data, to: beginPath(jobID: jobID))
    }

    /// Computes the job's deltas up to `sample`, appends its line to F and returns it.
    @discardableResult
    public func end(jobID: String, sample: NodeSample, node: String) throws -> Line {
        try Self.checkJobID(jobID)
        let path = beginPath(jobID: jobID)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NodeMetricsError.missingJobBegin(jobID: jobID, path: path)
        }
        let begin: Begin
        do {
            begin = try JSONDecoder().decode(Begin.self, from: data)
        } catch {
            throw NodeMetricsError.unreadableJobBegin(jobID: jobID, path: path, reason: "\(error)")
        }
        guard begin.jobID == jobID else {
            throw NodeMetricsError.unreadableJobBegin(jobID: jobID, path: path, reason: "it is job \(begin.jobID)'s")
        }
        let line = Line(node: node, endedAt: ISO8601DateFormatter().string(from: Date()),
                        steal: try JobSteal(jobID: jobID, cpus: begin.cpus, begin: begin.sample, end: sample))
        var bytes = try Self.encoder().encode(line)
        bytes.append(UInt8(ascii: "\n"))
        do {
            let descriptor = try FileDescriptor(opening: file, O_WRONLY | O_APPEND | O_CREAT, permissions: 0o644)
            try descriptor.lockExclusively()
            try descriptor.writeAll(Array(bytes))
        } catch {
            throw NodeMetricsError.systemCall(error)
        }
        try? FileManager.default.removeItem(atPath: path)
        return line
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
