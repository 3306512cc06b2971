internal import FlowIR

/// The JSON Schema (draft 2020-12) of test scripts, printed by `flowc schema test`, for editors
/// that validate `*.test.yaml` files.
public enum TestScriptSchema {
  /// `pay`'s outcome names, as a JSON list's items.
  static var payOutcomes: String {
    PaymentAnswer.scriptOrder.map { quoted($0.rawValue) }.joined(separator: ", ")
  }

  /// `pay`'s `{OUTCOME: CODE}` form, one string property per outcome that carries a code.
  static var payCodeProperties: String {
    PaymentAnswer.scriptOrder.filter { PaymentAnswer.defaultCode(for: $0) != nil }
      .map { quoted($0.rawValue) + #": { "type": "string" }"# }.joined(separator: ", ")
  }

  /// The schema as pretty JSON.
  public static let json = #"""
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
      "$id": "https://flowc.dev/schema/test-script.json",
      "title": "flowc test script",
      "description": "A scripted conversation with assertions, run by 'flowc test FLOW TESTS…'. See docs/testing.md.",
      "type": "object",
      "additionalProperties": false,
      "required": ["steps"],
      "properties": {
        "name": { "type": "string", "description": "The test's name; the file name by default." },
        "flow": { "type": "string", "description": "The flow file the test was written for, relative to the script; 'flowc test' skips it for other flows." },
        "locales": {
          "description": "The locales the test runs in; every selected locale by default.",
          "oneOf": [
            { "type": "string" },
            { "type": "array", "items": { "type": "string" }, "minItems": 1 }
          ]
        },
        "steps": { "type": "array", "items": { "$ref": "#/$defs/step" } }
      },
      "$defs": {
        "step": {
          "oneOf": [
            { "enum": ["launch", "new_session"] },
            {
              "type": "object",
              "additionalProperties": false,
              "minProperties": 1,
              "maxProperties": 2,
              "properties": {
                "launch": { "type": "null", "description": "Open the skill (LaunchRequest)." },
                "new_session": { "type": "null", "description": "The next request starts a new session." },
                "say": { "type": ["string", "number", "boolean"], "description": "An utterance, matched offline against the flow's samples. flowc reads the words as written; YAML 1.1 tools read 'yes' and 'no' as booleans, so those are allowed too." },
                "intent": {
                  "description": "An intent sent directly.",
                  "oneOf": [
                    { "type": "string" },
                    {
                      "type": "object",
                      "additionalProperties": false,
                      "required": ["name"],
                      "properties": {
                        "name": { "type": "string" },
                        "slots": { "type": "object", "additionalProperties": { "type": ["string", "number"] } }
                      }
                    }
                  ]
                },
                "pay": {
                  "description": "Answer the pending Setup or Charge as Amazon Pay would.",
                  "oneOf": [
                    { "enum": [\#(payOutcomes)] },
                    {
                      "type": "object", "additionalProperties": false, "minProperties": 1, "maxProperties": 1,
                      "properties": { \#(payCodeProperties) }
                    }
                  ]
                },
                "request": { "type": "string", "description": "A raw request envelope (JSON file, relative to the script)." },
                "user": { "type": "string", "description": "Switch to another customer." },
                "permission": { "enum": ["granted", "denied"] },
                "expect": { "$ref": "#/$defs/expect" }
              }
            }
          ]
        },
        "text": {
          "oneOf": [
            { "type": "string", "description": "The text contains this." },
            { "type": "null", "description": "There is no text." },
            {
              "type": "object", "additionalProperties": false, "minProperties": 1, "maxProperties": 1,
              "properties": {
                "contains": { "type": "string" },
                "equals": { "type": "string" },
                "matches": { "type": "string", "format": "regex" }
              }
            }
          ]
        },
        "scalar": { "type": ["string", "number", "boolean", "null"] },
        "expect": {
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "speech": { "$ref": "#/$defs/text" },
            "reprompt": { "$ref": "#/$defs/text" },
            "card": {
              "oneOf": [
                { "enum": ["none", null] },
                {
                  "type": "object", "additionalProperties": false,
                  "properties": {
                    "type": { "enum": ["Simple", "Standard", "AskForPermissionsConsent"] },
                    "title": { "$ref": "#/$defs/text" },
                    "text": { "$ref": "#/$defs/text" }
                  }
                }
              ]
            },
            "directive": {
              "oneOf": [
                { "type": ["string", "null"] },
                {
                  "type": "object", "additionalProperties": false,
                  "properties": {
                    "type": { "type": "string" },
                    "name": { "type": "string" },
                    "payload": {
                      "type": "object",
                      "propertyNames": { "pattern": "^(/.*)?$" },
                      "additionalProperties": { "$ref": "#/$defs/scalar" }
                    }
                  }
                }
              ]
            },
            "elicit": { "type": "string", "description": "the slot a Dialog.ElicitSlot directive asks for" },
            "state": { "type": "string" },
            "variables": { "type": "object", "additionalProperties": { "$ref": "#/$defs/scalar" } },
            "session_ended": { "type": "boolean" },
            "order": {
              "oneOf": [
                { "enum": ["none", null] },
                {
                  "type": "object", "additionalProperties": false,
                  "properties": {
                    "id": { "$ref": "#/$defs/scalar" },
                    "product": { "$ref": "#/$defs/scalar" },
                    "quantity": { "$ref": "#/$defs/scalar" },
                    "amount": { "$ref": "#/$defs/scalar" },
                    "currency": { "$ref": "#/$defs/scalar" },
                    "state": { "$ref": "#/$defs/scalar" },
                    "authorization_reference_id": { "$ref": "#/$defs/scalar" },
                    "amazon_authorization_id": { "$ref": "#/$defs/scalar" },
                    "billing_agreement_id": { "$ref": "#/$defs/scalar" }
                  }
                }
              ]
            },
            "agreement": {
              "oneOf": [
                { "enum": ["none", null] },
                {
                  "type": "object", "additionalProperties": false,
                  "properties": { "id": { "$ref": "#/$defs/scalar" }, "status": { "$ref": "#/$defs/scalar" } }
                }
              ]
            }
          }
        }
      }
    }
    """#
}
