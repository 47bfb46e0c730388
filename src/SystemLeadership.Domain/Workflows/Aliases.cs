global using CommissionTransition = SystemLeadership.Domain.Workflows.Transition<
    SystemLeadership.Domain.Brokerage.CommissionState, SystemLeadership.Domain.Brokerage.CommissionMove,
    SystemLeadership.Domain.Brokerage.BrokerageRole, SystemLeadership.Domain.Brokerage.Commission>;
global using ProposalTransition = SystemLeadership.Domain.Workflows.Transition<
    SystemLeadership.Domain.Brokerage.ProposalState, SystemLeadership.Domain.Brokerage.ProposalMove,
    SystemLeadership.Domain.Brokerage.BrokerageRole, SystemLeadership.Domain.Brokerage.Proposal>;
global using DeploymentTransition = SystemLeadership.Domain.Workflows.Transition<
    SystemLeadership.Domain.Deployments.DeploymentState, SystemLeadership.Domain.Deployments.DeploymentMove,
    SystemLeadership.Domain.Brokerage.BrokerageRole, SystemLeadership.Domain.Deployments.Deployment>;
global using ClaimTransition = SystemLeadership.Domain.Workflows.Transition<
    SystemLeadership.Domain.Reimbursement.ClaimState, SystemLeadership.Domain.Reimbursement.ClaimMove,
    SystemLeadership.Domain.Reimbursement.ClaimRole, SystemLeadership.Domain.Reimbursement.Claim>;
