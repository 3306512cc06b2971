import Foundation

/// Request envelopes in the exact shapes Alexa sends for the No Nicks store (placeholder ids,
/// tokens and times), kept verbatim so that decoding is tested against real field sets.
enum ReferenceEnvelopes {
  static let intentResolvedSlot = #"""
    {
      "version": "1.0",
      "session": {
        "new": false,
        "sessionId": "amzn1.echo-api.session.11111111-1111-1111-1111-111111111111",
        "application": {
          "applicationId": "amzn1.ask.skill.0e8f6c1a-7a52-4f0e-9a77-1c2b3d4e5f60"
        },
        "user": {
          "userId": "amzn1.ask.account.SHOPPERXXXXXXXXXXXXXXXXXXXX"
        }
      },
      "context": {
        "System": {
          "application": {
            "applicationId": "amzn1.ask.skill.0e8f6c1a-7a52-4f0e-9a77-1c2b3d4e5f60"
          },
          "user": {
            "userId": "amzn1.ask.account.SHOPPERXXXXXXXXXXXXXXXXXXXX",
            "permissions": {
              "consentToken": "tok",
              "scopes": {
                "payments:autopay_consent": {
                  "status": "GRANTED"
                }
              }
            }
          },
          "device": {
            "deviceId": "amzn1.ask.device.SHOPPERDDDDDDDDDD",
            "supportedInterfaces": {}
          },
          "apiEndpoint": "https://api.amazonalexa.com",
          "apiAccessToken": "eyJ0eXAi.fake.token"
        }
      },
      "request": {
        "type": "IntentRequest",
        "dialogState": "COMPLETED",
        "intent": {
          "name": "BuyIntent",
          "confirmationStatus": "NONE",
          "slots": {
            "product": {
              "name": "product",
              "value": "razor kit",
              "confirmationStatus": "NONE",
              "resolutions": {
                "resolutionsPerAuthority": [
                  {
                    "authority": "amzn1.er-authority.echo-sdk.amzn1.ask.skill.0e8f6c1a-7a52-4f0e-9a77-1c2b3d4e5f60.CATALOG",
                    "status": {
                      "code": "ER_SUCCESS_MATCH"
                    },
                    "values": [
                      {
                        "value": {
                          "name": "Starter Kit",
                          "id": "starter_kit"
                        }
                      }
                    ]
                  }
                ]
              }
            },
            "quantity": {
              "name": "quantity",
              "value": "2",
              "confirmationStatus": "NONE"
            }
          }
        },
        "requestId": "amzn1.echo-api.request.00000000-0000-0000-0000-000000000000",
        "timestamp": "2026-11-28T12:00:00Z",
        "locale": "en-US"
      }
    }
    """#

  static let connectionsSetupErrorNoPayload = #"""
    {
      "version": "1.0",
      "session": {
        "new": true,
        "sessionId": "amzn1.echo-api.session.11111111-1111-1111-1111-111111111111",
        "application": {
          "applicationId": "amzn1.ask.skill.0e8f6c1a-7a52-4f0e-9a77-1c2b3d4e5f60"
        },
        "user": {
          "userId": "amzn1.ask.account.SHOPPERXXXXXXXXXXXXXXXXXXXX"
        }
      },
      "context": {
        "System": {
          "application": {
            "applicationId": "amzn1.ask.skill.0e8f6c1a-7a52-4f0e-9a77-1c2b3d4e5f60"
          },
          "user": {
            "userId": "amzn1.ask.account.SHOPPERXXXXXXXXXXXXXXXXXXXX",
            "permissions": {
              "consentToken": "tok",
              "scopes": {
                "payments:autopay_consent": {
                  "status": "GRANTED"
                }
              }
            }
          },
          "device": {
            "deviceId": "amzn1.ask.device.SHOPPERDDDDDDDDDD",
            "supportedInterfaces": {}
          },
          "apiEndpoint": "https://api.amazonalexa.com",
          "apiAccessToken": "eyJ0eXAi.fake.token"
        }
      },
      "request": {
        "type": "Connections.Response",
        "name": "Setup",
        "status": {
          "code": "400",
          "message": "InvalidSellerId"
        },
        "token": "pUjN6Zq3F0n2m4kX8cVb1w",
        "requestId": "amzn1.echo-api.request.00000000-0000-0000-0000-000000000000",
        "timestamp": "2026-11-28T12:00:00Z",
        "locale": "en-US"
      }
    }
    """#

  static let connectionsChargeSuccess = #"""
    {
      "version": "1.0",
      "session": {
        "new": true,
        "sessionId": "amzn1.echo-api.session.11111111-1111-1111-1111-111111111111",
        "application": {
          "applicationId": "amzn1.ask.skill.0e8f6c1a-7a52-4f0e-9a77-1c2b3d4e5f60"
        },
        "user": {
          "userId": "amzn1.ask.account.SHOPPERXXXXXXXXXXXXXXXXXXXX"
        }
      },
      "context": {
        "System": {
          "application": {
            "applicationId": "amzn1.ask.skill.0e8f6c1a-7a52-4f0e-9a77-1c2b3d4e5f60"
          },
          "user": {
            "userId": "amzn1.ask.account.SHOPPERXXXXXXXXXXXXXXXXXXXX",
            "permissions": {
              "consentToken": "tok",
              "scopes": {
                "payments:autopay_consent": {
                  "status": "GRANTED"
                }
              }
            }
          },
          "device": {
            "deviceId": "amzn1.ask.device.SHOPPERDDDDDDDDDD",
            "supportedInterfaces": {}
          },
          "apiEndpoint": "https://api.amazonalexa.com",
          "apiAccessToken": "eyJ0eXAi.fake.token"
        }
      },
      "request": {
        "type": "Connections.Response",
        "name": "Charge",
        "status": {
          "code": "200",
          "message": "OK"
        },
        "token": "Zr8sT1uV2wX3yZ4aB5cD6e",
        "payload": {
          "amazonOrderReferenceId": "S01-1111111-2222222",
          "authorizationDetails": {
            "amazonAuthorizationId": "S01-1111111-2222222-A000001",
            "authorizationReferenceId": "NN0000000001A1",
            "sellerAuthorizationNote": "",
            "authorizationAmount": {
              "amount": "18.00",
              "currencyCode": "USD"
            },
            "capturedAmount": {
              "amount": "18.00",
              "currencyCode": "USD"
            },
            "authorizationFee": {
              "amount": "0.00",
              "currencyCode": "USD"
            },
            "idList": [
              "S01-1111111-2222222-C000001"
            ],
            "creationTimestamp": "2026-11-28T23:33:25Z",
            "expirationTimestamp": "2026-11-28T23:33:25Z",
            "authorizationStatus": {
              "state": "Closed",
              "reasonCode": "MaxCapturesProcessed",
              "lastUpdateTimestamp": "2026-11-28T23:33:25Z"
            },
            "softDecline": false,
            "captureNow": true,
            "softDescriptor": "AMZ*No Nicks"
          }
        },
        "requestId": "amzn1.echo-api.request.00000000-0000-0000-0000-000000000000",
        "timestamp": "2026-11-28T12:00:00Z",
        "locale": "en-US"
      }
    }
    """#

  static let sessionEnded = #"""
    {
      "version": "1.0",
      "session": {
        "new": false,
        "sessionId": "amzn1.echo-api.session.11111111-1111-1111-1111-111111111111",
        "application": {
          "applicationId": "amzn1.ask.skill.0e8f6c1a-7a52-4f0e-9a77-1c2b3d4e5f60"
        },
        "user": {
          "userId": "amzn1.ask.account.SHOPPERXXXXXXXXXXXXXXXXXXXX"
        }
      },
      "context": {
        "System": {
          "application": {
            "applicationId": "amzn1.ask.skill.0e8f6c1a-7a52-4f0e-9a77-1c2b3d4e5f60"
          },
          "user": {
            "userId": "amzn1.ask.account.SHOPPERXXXXXXXXXXXXXXXXXXXX",
            "permissions": {
              "consentToken": "tok",
              "scopes": {
                "payments:autopay_consent": {
                  "status": "GRANTED"
                }
              }
            }
          },
          "device": {
            "deviceId": "amzn1.ask.device.SHOPPERDDDDDDDDDD",
            "supportedInterfaces": {}
          },
          "apiEndpoint": "https://api.amazonalexa.com",
          "apiAccessToken": "eyJ0eXAi.fake.token"
        }
      },
      "request": {
        "type": "SessionEndedRequest",
        "reason": "USER_INITIATED",
        "requestId": "amzn1.echo-api.request.00000000-0000-0000-0000-000000000000",
        "timestamp": "2026-11-28T12:00:00Z",
        "locale": "en-US"
      }
    }
    """#
}
