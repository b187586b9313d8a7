import CPerfV
import PerfV

/// Maps the errors PerfV throws to the C status codes; the message is the
/// error's own description, so the C caller reads the same text a Swift caller would.
enum StatusConversion {
    static func failure(for error: any Error) -> CallFailure {
        switch error {
        case let failure as CallFailure:
            return failure
        case let counterError as CounterError:
            return CallFailure(status(for: counterError), counterError.description)
        case let perfvError as PerfVError:
            return CallFailure(status(for: perfvError), perfvError.description)
        case let namedError as NamedRegionError:
            return CallFailure(status(for: namedError), namedError.description)
        default:
            return CallFailure(PERFV_EOTHER, String(describing: error))
        }
    }

    static func status(for error: CounterError) -> Int32 {
        switch error {
        case .malformedEventName, .unknownComponent, .unknownEvent, .unknownDevice, .ambiguousEvent:
            return PERFV_ENOEVENT
        case .componentDisabled, .eventUnavailable:
            return PERFV_EDISABLED
        case .noEvents, .duplicateEvent, .duplicateComponent, .eventNameTooLong:
            return PERFV_EINVAL
        case .permissionDenied:
            return PERFV_EPERM
        case .systemCall, .shortRead:
            return PERFV_ESYS
        case .papiCall:
            return PERFV_EPAPI
        case .bufferTooSmall:
            return PERFV_EBUFFER
        case .alreadyRunning, .notRunning, .notStarted, .wrongThread, .onePAPIEventSetPerThread:
            return PERFV_ESTATE
        @unknown default:
            return PERFV_EOTHER
        }
    }

    static func status(for error: NamedRegionError) -> Int32 {
        switch error {
        case .emptyName, .nameTooLong:
            return PERFV_EINVAL
        case .notBegun, .mismatchedNesting, .nestingTooDeep:
            return PERFV_ESTATE
        case let .measurement(error):
            return status(for: error)
        case let .counters(error):
            return status(for: error)
        case .output:
            return PERFV_ESYS
        @unknown default:
            return PERFV_EOTHER
        }
    }

    static func status(for error: PerfVError) -> Int32 {
        switch error {
        case .systemCall, .malformedFile:
            return PERFV_ESYS
        case .papi:
            return PERFV_EPAPI
        case .unavailable:
            return PERFV_EDISABLED
        case .regionMisuse:
            return PERFV_ESTATE
        @unknown default:
            return PERFV_EOTHER
        }
    }
}
