process.env.CDK_VALIDATION = process.env.CDK_VALIDATION ?? 'false';
// No test may find real credentials or a real region by accident.
process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
process.env.AWS_REGION = 'us-east-1';
delete process.env.AWS_PROFILE;
delete process.env.LAB_ACCOUNTS;
// The SDK's notice that its 2027 releases need Node 22 is for users, not for every test file.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
