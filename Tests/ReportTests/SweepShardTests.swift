import Testing
@testable import Report

@Suite("Sweep shards (--shard I/N and Slurm job arrays)")
struct SweepShardTests {
    @Test("I/N parses with 0 ≤ I < N; anything else is a typed error",
          arguments: [
            ("0/1", ShardError?.none), ("3/4", nil),
            ("4/4", .indexOutOfRange(index: 4, count: 4)), ("-1/2", .indexOutOfRange(index: -1, count: 2)),
            ("0/0", .countNotPositive(count: 0)), ("1", .malformed(text: "1")), ("a/b", .malformed(text: "a/b")),
            ("1/2/3", .malformed(text: "1/2/3")), ("", .malformed(text: "")),
          ])
    func parsing(text: String, error: ShardError?) {
        do {
            let shard = try SweepShard(parsing: text)
            #expect(error == nil, "\(text) parsed as \(shard)")
            #expect(shard.description == text)
        } catch let thrown {
            #expect(thrown == error)
            #expect(thrown.description.contains("0 ≤ I < N") || thrown.description.contains("at least 1"))
        }
    }

    @Test("Slurm: index = SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN, count = SLURM_ARRAY_TASK_COUNT")
    func slurm() throws {
        let shard = try SweepShard.fromSlurm(environment: [
            "SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_COUNT": "4",
        ])
        #expect(shard == (try SweepShard(index: 2, count: 4)))
        #expect(try SweepShard.fromSlurm(environment: ["SLURM_JOB_ID": "12"]) == nil)
        #expect(throws: ShardError.slurmIncomplete(missing: ["SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_COUNT"])) {
            try SweepShard.fromSlurm(environment: ["SLURM_ARRAY_TASK_ID": "1"])
        }
        #expect(throws: ShardError.slurmVariable(name: "SLURM_ARRAY_TASK_COUNT", value: "x")) {
            try SweepShard.fromSlurm(environment: ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "x"])
        }
        // A stepped array (--array=0-4:2) has ids 0, 2, 4 and count 3: id 4 is no shard.
        #expect(throws: ShardError.indexOutOfRange(index: 4, count: 3)) {
            try SweepShard.fromSlurm(environment: ["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "3"])
        }
    }

    @Test("the shards of a plan together hold every item exactly once, round-robin")
    func partition() throws {
        let items = Array(0..<11)
        var seen: [Int] = []
        for index in 0..<4 {
            let part = try SweepShard(index: index, count: 4).select(items)
            #expect(part.allSatisfy { $0 % 4 == index })
            seen += part
        }
        #expect(seen.sorted() == items)
        #expect(SweepShard.whole.select(items) == items)
    }

    @Test("the Slurm context is read from the job's variables, nil outside a job")
    func slurmContext() throws {
        #expect(SlurmContext(environment: [:]) == nil)
        let context = try #require(SlurmContext(environment: [
            "SLURM_JOB_ID": "42", "SLURM_ARRAY_JOB_ID": "41", "SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "2",
            "SLURM_ARRAY_TASK_MIN": "0", "SLURM_JOB_NODELIST": "node[01-02]", "SLURM_CLUSTER_NAME": "c1",
        ]))
        #expect(context.jobID == "42" && context.arrayJobID == "41" && context.arrayTaskID == "1")
        #expect(context.nodeList == "node[01-02]" && context.clusterName == "c1" && context.arrayTaskCount == "2")
    }
}
