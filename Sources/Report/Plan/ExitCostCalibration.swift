/// The parameters and the written method of the exit-cost calibration the sweep runs.
package enum ExitCostCalibration {
    /// Tiny blocks, so the host's pwrite/pread work per request is small next to an exit.
    package static let blockBytes = 8

    /// The paired cases of a calibration making about `exits` port-I/O exits per guest run
    /// (one write and one read per block).
    package static func cases(exits: Int) -> (host: IOCase, guest: IOCase) {
        let blocks = max(1, exits / 2)
        return (IOCase(blockCount: blocks, blockSize: blockBytes, route: .systemCalls),
                IOCase(blockCount: blocks, blockSize: blockBytes, route: .guest(.perRequest)))
    }

    package static func method(blocks: Int, blockBytes: Int) -> String {
        "Pairs of runs writing then reading \(blocks) blocks of \(blockBytes) bytes: on the host with pwrite/pread, "
            + "in a PerfV VM with one port-I/O exit per request. Cost per exit = (guest time − host time, both steal-adjusted) ÷ port-I/O exits "
            + "during the guest's measured work (all io exits less console bytes and hypercalls): the time one exit adds "
            + "to the same request served natively."
    }
}
