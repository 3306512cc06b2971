import FlowIR
import FlowTestSupport
import Foundation
import Testing

@testable import FlowGenerators

@Suite struct AskPythonTests {
  @Test func stringLiteralsEscapeEverythingThatCouldEndThemOrHideCode() {
    #expect(PythonLiteral.string("plain") == "\"plain\"")
    #expect(PythonLiteral.string("a \"b\" \\ c") == #""a \"b\" \\ c""#)
    #expect(PythonLiteral.string("x\"\"\"y") == #""x\"\"\"y""#)
    #expect(PythonLiteral.string("one\ntwo\r\tthree") == #""one\ntwo\r\tthree""#)
    #expect(PythonLiteral.string("\u{0}\u{1B}\u{7F}") == #""\x00\x1b\x7f""#)
    #expect(PythonLiteral.string("\u{2028}\u{202E}\u{A0}") == #""\u2028\u202e\xa0""#)
    #expect(PythonLiteral.string("Kaffee für 9,00 € ☕ コーヒー") == "\"Kaffee für 9,00 € ☕ コーヒー\"")
    #expect(PythonLiteral.commentText("a\nimport os") == "a\\nimport os")
  }

  @Test func namesAreValidUniqueAndReadable() {
    var names = PythonNames(reserved: ["STATES"])
    #expect(
      names.className(["confirm_order", "AMAZON.YesIntent"], suffix: "Handler")
        == "ConfirmOrderYesIntentHandler")
    #expect(names.function("enter", "confirm_order") == "enter_confirm_order")
    #expect(names.function("enter", "confirm order") == "enter_confirm_order_2")
    #expect(names.constant("states", suffix: "") == "STATES_2")
    #expect(names.function("", "class") == "class_2")
    #expect(names.function("", "1st") == "n1st")
    #expect(names.className(["\"\"\"; import os"], suffix: "Handler") == "ImportOsHandler")
  }

  @Test func conditionsCompileToTheSupportModulesComparisons() {
    let condition = Condition.and([
      .test(.path("agreement.open")),
      .or([
        .compare(
          .greaterOrEqual, .path("order.total"),
          .literal(.money(Money(minorUnits: 5000, currency: "EUR")))),
        .not(.compare(.equal, .path("product"), .literal(.string("kit\"")))),
      ]),
    ])
    #expect(
      PythonIR.condition(condition, turn: "turn")
        == "flowc.is_true(turn.value(\"agreement.open\")) and "
        + "(flowc.compare(\">=\", turn.value(\"order.total\"), flowc.Money(5000, \"EUR\")) or "
        + "not flowc.compare(\"==\", turn.value(\"product\"), \"kit\\\"\"))")
  }
}
