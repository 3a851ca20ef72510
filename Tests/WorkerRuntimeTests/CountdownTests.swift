import Testing

@testable import WorkerRuntime

@Suite(.timeLimit(.minutes(1))) struct CountdownTests {
    @Test func onlyTheCallReachingZeroSaysSo() {
        let countdown = Countdown(3)
        #expect(countdown.decrement() == false)
        #expect(countdown.decrement() == false)
        #expect(countdown.decrement() == true)
    }

    @Test func theWaiterIsResumedByTheLastDecrement() async {
        let countdown = Countdown(2)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await countdown.wait() }
            countdown.decrement()
            countdown.decrement()
            await group.waitForAll()
        }
        #expect(countdown.decrement() == false)  // past zero: never true again
    }

    @Test func waitingOnACountdownAtZeroReturnsAtOnce() async {
        await Countdown(0).wait()
        let one = Countdown(1)
        one.decrement()
        await one.wait()
    }
}
