import FlowRuntime
import Foundation
import Testing

/// `docs/amazon-pay.md` must name every code, status, state and locale the code knows.
@Suite struct AmazonPayDocsTests {
  static func document() throws -> String {
    let url = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/amazon-pay.md")
    return try String(contentsOf: url, encoding: .utf8)
  }

  @Test func everyTableRowIsDocumented() throws {
    let text = try Self.document()
    for row in AmazonPayResponseTable.errors {
      #expect(text.contains("`\(row.code)`"), "\(row.code)")
      #expect(text.contains("`\(row.group.rawValue)`"), "\(row.group)")
    }
    for row in AmazonPayResponseTable.agreements {
      #expect(text.contains("`\(row.status)`"), "\(row.status)")
    }
    for row in AmazonPayResponseTable.authorizations {
      #expect(text.contains("`\(row.state)`"), "\(row.state)")
      if let reason = row.reasonCode { #expect(text.contains("`\(reason)`"), "\(reason)") }
      #expect(text.contains("`\(row.orderState)`"), "\(row.orderState)")
    }
  }

  @Test func everyMoneyLocaleIsDocumented() throws {
    let text = try Self.document()
    for locale in MoneyFormatter.conventions.keys {
      #expect(text.contains(locale), "\(locale)")
    }
  }
}
